/**
 * ShopOverview: merchants sign in with a cookie, upload wares as CSV and list them on an HTML
 * page (the original's "ShopOverview").
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

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
  references: loadReferences(import.meta.url),
};
