import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// NOTE (faithful to the original): the prose spec says the Message schema has the single property
// "content", while the OpenAPI contract and the tests also send "username".
export const scenario: Scenario = {
  id: 'Forum',
  shortAppDescription: 'web forum app',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: true,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
