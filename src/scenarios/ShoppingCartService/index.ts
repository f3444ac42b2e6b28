import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'ShoppingCartService',
  shortAppDescription: 'API that keeps a shopping cart',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: true,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
