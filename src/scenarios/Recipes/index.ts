import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// Contract note: the original typed avgRating as `number | null`, which is not an OpenAPI type;
// here it is `type: number, nullable: true` (the same fact in valid OpenAPI 3.0).
export const scenario: Scenario = {
  id: 'Recipes',
  shortAppDescription: 'API for sharing, commenting on and rating recipes',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
