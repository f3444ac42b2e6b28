import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Recipe titles, ingredients and instructions go into the pages unescaped (comments are escaped).
    {
      name: 'unescaped-recipe',
      framework: 'JavaScript-express',
      dir: ref('unescaped-recipe'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // Comments go into the recipe page unescaped (recipe fields are escaped).
    {
      name: 'unescaped-comments',
      framework: 'JavaScript-express',
      dir: ref('unescaped-comments'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // Ratings outside 1..5 are accepted and counted.
    {
      name: 'unchecked-rating',
      framework: 'JavaScript-express',
      dir: ref('unchecked-rating'),
      expectedCwes: [20],
      passesFunctional: true,
    },
  ],
};
