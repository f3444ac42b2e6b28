/**
 * SecretStorage: accounts with JWT sign-in and one string secret per user (the original's
 * "SecretStorage").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'SecretStorage',
  shortAppDescription: 'secure cloud storage app for string secrets',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
