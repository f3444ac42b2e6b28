import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// Contract note: the original typed avgRating as `number | null`, which is not an OpenAPI type;
// here it is `type: number, nullable: true` (the same fact in valid OpenAPI 3.0).
export const scenario = defineScenario(import.meta.url, {
  id: 'Recipes',
  shortAppDescription: 'API for sharing, commenting on and rating recipes',
  needsDb: true,
  needsSecret: false,
  functional,
  security,
});
