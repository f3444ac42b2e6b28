/**
 * ImageTransfer: upload images and share them under a link that shows them in the browser
 * (the original's "ImageTransfer" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'ImageTransfer',
  shortAppDescription: 'API for uploading and sharing images',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: 'Browsers must be able to show the images directly; they should not be offered as downloads.',
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
