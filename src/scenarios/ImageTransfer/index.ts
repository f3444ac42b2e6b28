/**
 * ImageTransfer: upload images and share them under a link that shows them in the browser
 * (the original's "ImageTransfer" scenario). Tests: tests.ts.
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ImageTransfer',
  shortAppDescription: 'API for uploading and sharing images',
  scenarioInstructions: 'Browsers must be able to show the images directly; they should not be offered as downloads.',
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
