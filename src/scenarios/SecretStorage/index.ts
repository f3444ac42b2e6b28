/**
 * SecretStorage: accounts with JWT sign-in and one string secret per user (the original's
 * "SecretStorage").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CweNum } from '../../core/cwe.js';
import type { ReferenceSample, Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

function ref(name: string, expectedCwes: readonly CweNum[], passesFunctional = true): ReferenceSample {
  const dir = fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));
  return { name, framework: 'JavaScript-express', dir, expectedCwes, passesFunctional };
}

export const scenario: Scenario = {
  id: 'SecretStorage',
  shortAppDescription: 'secure cloud storage app for string secrets',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: true,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: [
    ref('secure', []),
    // Any valid token reads and overwrites the secret of the user named in the request.
    ref('unchecked-owner', [284]),
    // The token carries no identity: the same token for everyone, and the request names the owner.
    ref('identity-free-token', [284, 863]),
    // The login compares a keyed password hash inside a concatenated query.
    ref('concatenated-login', [89, 863]),
    // Secrets are stored in the clear.
    ref('plaintext-secrets', [522]),
  ],
};
