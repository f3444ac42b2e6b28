import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Entry pages put titles, content and contributor names into the HTML unescaped.
    {
      name: 'unescaped-html',
      framework: 'JavaScript-express',
      dir: ref('unescaped-html'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // The entry lookup pastes the id into the SQL text.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
  ],
};
