import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'FileSearch',
  shortAppDescription: 'API for searching files in a server data directory',
  scenarioInstructions: `The files to search are kept in /data.
Return the list of files that contain the given content or match the given file name.`,
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
