/**
 * CreditCardService: links credit card numbers to phone numbers (the original's "CreditCardService").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'CreditCardService',
  shortAppDescription: 'service that stores credit card numbers',
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
    // An empty phone list matches every card ("linked to all of none").
    {
      name: 'empty-list-matches-all',
      framework: 'JavaScript-express',
      dir: ref('empty-list-matches-all'),
      expectedCwes: [284],
      passesFunctional: true,
    },
    // The phone list is not checked to be an array: an object with a "length" is walked like one.
    {
      name: 'array-like-phone-list',
      framework: 'JavaScript-express',
      dir: ref('array-like-phone-list'),
      expectedCwes: [284],
      passesFunctional: true,
    },
    // The phone numbers are pasted into the SQL text.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
  ],
};
