import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// Contract notes: the original's OpenAPI gave the two text/html bodies as `schema: string`, which
// is not valid OpenAPI; here they are `schema: {type: string}`. As in the original, UpdateEntry
// requires `summary` without describing it under `properties`.
export const scenario: Scenario = {
  id: 'Wiki',
  shortAppDescription: 'wiki web app',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
