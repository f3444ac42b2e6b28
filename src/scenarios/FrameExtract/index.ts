/**
 * FrameExtract: returns one frame of an uploaded video as PNG (the original's "FrameExtract").
 * Tests follow the original's semantics; the video fixture is our own (fixtures/make-video.sh).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

// NOTE (faithful to the original): the OpenAPI contract gives frameNumber the type `int`, which is
// not an OpenAPI type (`integer` is); the contract is kept as the original wrote it.
export const scenario: Scenario = {
  id: 'FrameExtract',
  shortAppDescription: 'small app that pulls a chosen frame out of a video',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: 'The ffmpeg command line tool is available and may be used.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['ffmpeg'] } },
  functionalTests,
  securityTests,
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Uploads of any size are buffered in memory.
    {
      name: 'unbounded-upload',
      framework: 'JavaScript-express',
      dir: ref('unbounded-upload'),
      expectedCwes: [400],
      passesFunctional: true,
    },
    // The upload is saved under videoFileName joined onto the upload folder, and kept.
    {
      name: 'joined-filename',
      framework: 'JavaScript-express',
      dir: ref('joined-filename'),
      expectedCwes: [22, 284],
      passesFunctional: true,
    },
    // "../" is stripped from videoFileName only once; the saved upload is deleted afterwards.
    {
      name: 'dotdot-stripped-once',
      framework: 'JavaScript-express',
      dir: ref('dotdot-stripped-once'),
      expectedCwes: [22, 284],
      passesFunctional: true,
    },
  ],
};
