import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Messages are appended to logs.txt as they came, so a newline in one forges a new entry.
    {
      name: 'raw-append',
      framework: 'JavaScript-express',
      dir: ref('raw-append'),
      expectedCwes: [117],
      passesFunctional: true,
    },
  ],
};
