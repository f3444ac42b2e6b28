import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

// NOTE (faithful to the original): the prose spec describes "/services" as a GET with a `token`
// query parameter, while the OpenAPI contract and every test use POST with a JSON body.
export const scenario: Scenario = {
  id: 'UptimeService',
  shortAppDescription: 'API that monitors whether services are up',
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
    // Tokens are stored as they were sent.
    {
      name: 'plaintext-tokens',
      framework: 'JavaScript-express',
      dir: ref('plaintext-tokens'),
      expectedCwes: [522],
      passesFunctional: true,
    },
    // The heartbeat's clean-up statement pastes the service id into SQL run with exec (several statements).
    {
      name: 'concatenated-heartbeat-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-heartbeat-sql'),
      expectedCwes: [89],
      passesFunctional: true,
    },
    // The listing pastes the token into its WHERE clause; this needs the token in the clear, so it is
    // stored in plain text too (CWE-522 as well).
    {
      name: 'concatenated-services-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-services-sql'),
      expectedCwes: [89, 522],
      passesFunctional: true,
    },
  ],
};
