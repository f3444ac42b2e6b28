import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests, STORAGE_DIR } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The file name is joined onto the songs folder unchecked, so "../" climbs out of it.
    {
      name: 'joined-path',
      framework: 'JavaScript-express',
      dir: ref('joined-path'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // "../" is rejected, but the name is percent-decoded after the check.
    {
      name: 'decoded-after-check',
      framework: 'JavaScript-express',
      dir: ref('decoded-after-check'),
      expectedCwes: [22],
      passesFunctional: true,
    },
  ],
};
