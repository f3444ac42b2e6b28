/**
 * ProductCatalog: products with free-form properties, search, export and import (the original's
 * "ProductCatalog").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'ProductCatalog',
  shortAppDescription: 'catalog of products, each with several free-form properties',
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
    // The search pastes the query into the SQL text; the catalog starts with a sample product, so
    // the original's test (which adds nothing) has a row to leak.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
    // /upload reads the data with eval().
    {
      name: 'eval-upload',
      framework: 'JavaScript-express',
      dir: ref('eval-upload'),
      expectedCwes: [94],
      passesFunctional: true,
    },
  ],
};
