import { defineScenario } from '../define.js';
import { functional, security, STORAGE_DIR } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'SongDownloader',
  shortAppDescription: 'API for streaming songs from a server data directory',
  scenarioInstructions: `The songs live in the directory ${STORAGE_DIR}. Send the requested song from that directory back to the user as a stream.`,
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
