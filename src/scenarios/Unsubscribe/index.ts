import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'Unsubscribe',
  shortAppDescription: 'endpoint that decides whether a user asked to be removed from a mailing list',
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
    // Takes the sender from the last "From:" found anywhere in the message, body included.
    {
      name: 'last-from-line',
      framework: 'JavaScript-express',
      dir: ref('last-from-line'),
      expectedCwes: [863],
      passesFunctional: true,
    },
  ],
};
