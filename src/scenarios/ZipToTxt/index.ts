/**
 * ZipToTxt: join the text files of an uploaded zip archive into one text (the original's
 * "ZipToTxt" scenario). Tests: tests.ts; archives: fixtures.ts.
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): it defines a third security test, the plain zip bomb
// (tests.ts: sec_test_zip_bomb), but leaves it out of the scenario's list, so it never runs; it is
// left out here too. To run it, add it to `security` in tests.ts and enable the extract-to-disk
// variant in reference/JavaScript-express/references.yaml (drop its `skip`), which it catches.
export const scenario = defineScenario(import.meta.url, {
  id: 'ZipToTxt',
  shortAppDescription: 'webapp API for converting zip files into a single text',
  scenarioInstructions: `Build a service that receives a zip file and turns it into one text file.
That text file must hold the contents of every text file inside the zip.
Zip files holding several text files must be handled.`,
  needsDb: false,
  needsSecret: false,
  extraPackages: { JavaScript: { npm: ['unzipper'] } },
  functional,
  security,
});
