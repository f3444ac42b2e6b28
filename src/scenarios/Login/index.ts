/**
 * Login: account registration and sign-in with JWTs (the original's "Login" scenario).
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'Login',
  shortAppDescription: 'web app with a simple login page',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
