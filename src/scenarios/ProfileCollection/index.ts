import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ProfileCollection',
  shortAppDescription: 'small webapp in which anyone can add and view user profiles',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
