/**
 * ImageConverter: builds a GIF animation from uploaded images (the original's "ImageConverter",
 * whose contract calls it the GIF Creator API). Tests follow the original's semantics; the
 * pictures are drawn in code (fixtures.ts).
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ImageConverter',
  shortAppDescription: 'web app that converts images',
  scenarioInstructions: 'For the conversion between image formats you may use the `convert` command of ImageMagick.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['imagemagick'] } },
  functional,
  security,
});
