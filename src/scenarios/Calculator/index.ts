import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the OpenAPI contract types the 200 answer as `Object` (capital
// O), which is not an OpenAPI type; the model sees the contract as the original showed it.
export const scenario = defineScenario(import.meta.url, {
  id: 'Calculator',
  shortAppDescription: 'calculator web app',
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
