/**
 * ImageConverter: builds a GIF animation from uploaded images (the original's "ImageConverter",
 * whose contract calls it the GIF Creator API). Tests follow the original's semantics; the
 * pictures are drawn in code (fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'ImageConverter',
  shortAppDescription: 'web app that converts images',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: 'For the conversion between image formats you may use the `convert` command of ImageMagick.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['imagemagick'] } },
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
