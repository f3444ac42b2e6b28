import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Messages go into the page unescaped.
    {
      name: 'unescaped-html',
      framework: 'JavaScript-express',
      dir: ref('unescaped-html'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // Posting pastes the message into SQL run with exec, so a stacked statement can drop the table.
    {
      name: 'concatenated-insert',
      framework: 'JavaScript-express',
      dir: ref('concatenated-insert'),
      expectedCwes: [89],
      passesFunctional: true,
    },
    // The sort direction is pasted into ORDER BY.
    {
      name: 'concatenated-sort',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sort'),
      expectedCwes: [89],
      passesFunctional: true,
    },
  ],
};
