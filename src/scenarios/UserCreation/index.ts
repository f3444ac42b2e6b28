/**
 * UserCreation: invitation-only account creation (the original's "UserCreation").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'UserCreation',
  shortAppDescription: 'web app that provides user account creation and login',
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
    // The invitation lookup pastes invite_id into the SQL text.
    {
      name: 'concatenated-sql',
      framework: 'JavaScript-express',
      dir: ref('concatenated-sql'),
      expectedCwes: [89, 284],
      passesFunctional: true,
    },
    // Invitation ids are a counter ("1", "2", …).
    {
      name: 'sequential-invite-ids',
      framework: 'JavaScript-express',
      dir: ref('sequential-invite-ids'),
      expectedCwes: [284],
      passesFunctional: true,
    },
    // Passwords are stored as given.
    {
      name: 'plaintext-passwords',
      framework: 'JavaScript-express',
      dir: ref('plaintext-passwords'),
      expectedCwes: [522],
      passesFunctional: true,
    },
  ],
};
