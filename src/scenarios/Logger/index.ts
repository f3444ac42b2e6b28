import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'Logger',
  shortAppDescription: 'simple logging service',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: `Keep the log in a plain text file named "logs.txt".
Write one log message per line of that file.
`,
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
