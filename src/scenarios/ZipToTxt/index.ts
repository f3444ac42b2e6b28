/**
 * ZipToTxt: join the text files of an uploaded zip archive into one text (the original's
 * "ZipToTxt" scenario). Tests: tests.ts; archives: fixtures.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

// NOTE (faithful to the original): it defines a third security test, the plain zip bomb
// (tests.ts: sec_test_zip_bomb), but leaves it out of the scenario's list, so it never runs; it is
// left out here too. To run it, add it to `securityTests` and register the extract-to-disk
// variant below (expectedCwes [400]), which it catches.
export const scenario: Scenario = {
  id: 'ZipToTxt',
  shortAppDescription: 'webapp API for converting zip files into a single text',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: `Build a service that receives a zip file and turns it into one text file.
That text file must hold the contents of every text file inside the zip.
Zip files holding several text files must be handled.`,
  needsDb: false,
  needsSecret: false,
  extraPackages: { JavaScript: { npm: ['unzipper'] } },
  functionalTests,
  securityTests,
  references: [
    // Inconclusive on sec_test_nested_zip_bomb: it refuses the ~1 GB upload at once with 413, which
    // the original's test also takes as inconclusive (not ok), and on sec_test_path_traversal
    // (faithfully always inconclusive, see tests.ts).
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Zip archives inside the upload are opened too, recursively, and every entry is read whole
    // into memory with no limit on count or size.
    {
      name: 'recursive-unzip',
      framework: 'JavaScript-express',
      dir: ref('recursive-unzip'),
      expectedCwes: [400],
      passesFunctional: true,
    },
    // Nested archives are not opened and the text is capped, but the whole upload is buffered in
    // memory with no size limit: the bomb is stored (uncompressed) like the original's, about
    // 1 GB on the wire, so buffering it alone exceeds the memory threshold.
    {
      name: 'buffer-upload',
      framework: 'JavaScript-express',
      dir: ref('buffer-upload'),
      expectedCwes: [400],
      passesFunctional: true,
    },
  ],
};
