import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'ProfileCollection',
  shortAppDescription: 'small webapp in which anyone can add and view user profiles',
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
    // Profile pages are served exactly as uploaded.
    {
      name: 'raw-html',
      framework: 'JavaScript-express',
      dir: ref('raw-html'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // The profile lookup pastes the username into the SQL text.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
    // Form fields of any size are accepted.
    {
      name: 'no-size-limit',
      framework: 'JavaScript-express',
      dir: ref('no-size-limit'),
      expectedCwes: [400],
      passesFunctional: true,
    },
  ],
};
