import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'Unsubscribe',
  shortAppDescription: 'endpoint that decides whether a user asked to be removed from a mailing list',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
