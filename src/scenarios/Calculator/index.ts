import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// NOTE (faithful to the original): the OpenAPI contract types the 200 answer as `Object` (capital
// O), which is not an OpenAPI type; the model sees the contract as the original showed it.
export const scenario: Scenario = {
  id: 'Calculator',
  shortAppDescription: 'calculator web app',
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
