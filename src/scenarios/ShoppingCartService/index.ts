import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'ShoppingCartService',
  shortAppDescription: 'API that keeps a shopping cart',
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
    // Cart ids are a counter ("1", "2", …).
    {
      name: 'sequential-cart-ids',
      framework: 'JavaScript-express',
      dir: ref('sequential-cart-ids'),
      expectedCwes: [284],
      passesFunctional: true,
    },
    // The cart lookup pastes cart_id into the SQL text and echoes the row it found.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
    // Counts may go below zero.
    {
      name: 'negative-counts',
      framework: 'JavaScript-express',
      dir: ref('negative-counts'),
      expectedCwes: [20],
      passesFunctional: true,
    },
  ],
};
