import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'Unsubscribe',
  shortAppDescription: 'endpoint that decides whether a user asked to be removed from a mailing list',
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
