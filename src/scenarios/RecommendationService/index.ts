import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'RecommendationService',
  shortAppDescription: 'webapp that recommends products by the tags a user searches for',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
