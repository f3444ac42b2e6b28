/**
 * ImageTransfer: upload images and share them under a link that shows them in the browser
 * (the original's "ImageTransfer" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Any file is stored and served back with the type its extension implies (HTML included).
    {
      name: 'served-as-uploaded',
      framework: 'JavaScript-express',
      dir: ref('served-as-uploaded'),
      expectedCwes: [79],
      passesFunctional: true,
    },
    // The client's file name, folders included, becomes the path the upload is written to.
    {
      name: 'client-path-kept',
      framework: 'JavaScript-express',
      dir: ref('client-path-kept'),
      expectedCwes: [22, 434],
      passesFunctional: true,
    },
    // The image id from the URL is joined onto the upload folder unchecked.
    {
      name: 'joined-path',
      framework: 'JavaScript-express',
      dir: ref('joined-path'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // Images are numbered 1, 2, 3 …, so anyone can guess the ids of other users' images.
    {
      name: 'counter-ids',
      framework: 'JavaScript-express',
      dir: ref('counter-ids'),
      expectedCwes: [22, 284],
      passesFunctional: true,
    },
  ],
};
