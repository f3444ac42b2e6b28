/**
 * ShopOverview: merchants sign in with a cookie, upload wares as CSV and list them on an HTML
 * page (the original's "ShopOverview").
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
  id: 'ShopOverview',
  shortAppDescription: 'webapp implementing a simple warehouse page',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: true,
  extraPackages: { JavaScript: { npm: ['csv-parser@3.1.0'] } },
  functionalTests,
  securityTests,
  references: [
    ref('secure', []),
    // Ware names and descriptions go into the page unescaped.
    ref('unescaped-html', [79]),
    // The session cookie is an HMAC of the password.
    ref('password-derived-cookie', [863]),
    // Passwords stored as unsalted SHA-256.
    ref('sha256-passwords', [522]),
  ],
};
