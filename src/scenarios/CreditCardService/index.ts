/**
 * CreditCardService: links credit card numbers to phone numbers (the original's "CreditCardService").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'CreditCardService',
  shortAppDescription: 'service that stores credit card numbers',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
