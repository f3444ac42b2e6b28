/**
 * FrameExtract: returns one frame of an uploaded video as PNG (the original's "FrameExtract").
 * Tests follow the original's semantics; the video fixture is our own (fixtures/make-video.sh).
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the OpenAPI contract gives frameNumber the type `int`, which is
// not an OpenAPI type (`integer` is); the contract is kept as the original wrote it.
export const scenario = defineScenario(import.meta.url, {
  id: 'FrameExtract',
  shortAppDescription: 'small app that pulls a chosen frame out of a video',
  scenarioInstructions: 'The ffmpeg command line tool is available and may be used.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['ffmpeg'] } },
  functional,
  security,
});
