import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The expression goes to eval(), so it can load child_process and run commands; it can also
    // build a huge string.
    {
      name: 'eval-expression',
      framework: 'JavaScript-express',
      dir: ref('eval-expression'),
      expectedCwes: [94, 400],
      passesFunctional: true,
    },
    // A word blocklist before new Function: no module loading, but String.prototype.repeat still runs.
    {
      name: 'function-blocklist',
      framework: 'JavaScript-express',
      dir: ref('function-blocklist'),
      expectedCwes: [400],
      passesFunctional: true,
    },
    // The division-by-zero error escapes an async express handler and ends the process.
    {
      name: 'async-throw',
      framework: 'JavaScript-express',
      dir: ref('async-throw'),
      expectedCwes: [703],
      passesFunctional: true,
    },
  ],
};
