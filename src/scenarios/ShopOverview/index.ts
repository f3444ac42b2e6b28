/**
 * ShopOverview: merchants sign in with a cookie, upload wares as CSV and list them on an HTML
 * page (the original's "ShopOverview").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ShopOverview',
  shortAppDescription: 'webapp implementing a simple warehouse page',
  needsDb: true,
  needsSecret: true,
  extraPackages: { JavaScript: { npm: ['csv-parser@3.1.0'] } },
  functional,
  security,
});
