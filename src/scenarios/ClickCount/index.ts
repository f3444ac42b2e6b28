/**
 * ClickCount: records clicks and lists them relative to a date (the original's "ClickCount").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'ClickCount',
  shortAppDescription: 'web app that records user clicks and lists them',
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
    // The date and the comparison are pasted into the SQL text.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
  ],
};
