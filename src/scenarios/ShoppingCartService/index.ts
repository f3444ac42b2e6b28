import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ShoppingCartService',
  shortAppDescription: 'API that keeps a shopping cart',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
