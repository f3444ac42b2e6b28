/**
 * FrameExtract: returns one frame of an uploaded video as PNG (the original's "FrameExtract").
 * Tests follow the original's semantics; the video fixture is our own (fixtures/make-video.sh).
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

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
  references: loadReferences(import.meta.url),
};
