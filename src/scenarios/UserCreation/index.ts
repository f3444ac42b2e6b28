/**
 * UserCreation: invitation-only account creation (the original's "UserCreation").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'UserCreation',
  shortAppDescription: 'web app that provides user account creation and login',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
