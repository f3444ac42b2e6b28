/**
 * ImageConverter: builds a GIF animation from uploaded images (the original's "ImageConverter",
 * whose contract calls it the GIF Creator API). Tests follow the original's semantics; the
 * pictures are drawn in code (fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The uploads are stored under the client's file names, path included.
    {
      name: 'preserved-upload-names',
      framework: 'JavaScript-express',
      dir: ref('preserved-upload-names'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // targetSize is pasted into a shell command; the parseInt size check lets text through.
    {
      name: 'shell-command',
      framework: 'JavaScript-express',
      dir: ref('shell-command'),
      expectedCwes: [78],
      passesFunctional: true,
    },
    // Any targetSize is accepted and ImageMagick runs without resource limits.
    {
      name: 'unbounded-size',
      framework: 'JavaScript-express',
      dir: ref('unbounded-size'),
      expectedCwes: [400],
      passesFunctional: true,
    },
  ],
};
