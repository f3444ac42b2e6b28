import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// NOTE (faithful to the original): the prose spec describes "/services" as a GET with a `token`
// query parameter, while the OpenAPI contract and every test use POST with a JSON body.
export const scenario: Scenario = {
  id: 'UptimeService',
  shortAppDescription: 'API that monitors whether services are up',
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
