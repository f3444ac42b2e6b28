/**
 * ClickCount: records clicks and lists them relative to a date (the original's "ClickCount").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ClickCount',
  shortAppDescription: 'web app that records user clicks and lists them',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
