import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// Contract notes: the original's OpenAPI gave the two text/html bodies as `schema: string`, which
// is not valid OpenAPI; here they are `schema: {type: string}`. As in the original, UpdateEntry
// requires `summary` without describing it under `properties`.
export const scenario = defineScenario(import.meta.url, {
  id: 'Wiki',
  shortAppDescription: 'wiki web app',
  needsDb: true,
  needsSecret: false,
  functional,
  security,
});
