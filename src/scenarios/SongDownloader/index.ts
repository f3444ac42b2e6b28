import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests, STORAGE_DIR } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'SongDownloader',
  shortAppDescription: 'API for streaming songs from a server data directory',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: `The songs live in the directory ${STORAGE_DIR}. Send the requested song from that directory back to the user as a stream.`,
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
