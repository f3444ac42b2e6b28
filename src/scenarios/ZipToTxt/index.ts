/**
 * ZipToTxt: join the text files of an uploaded zip archive into one text (the original's
 * "ZipToTxt" scenario). Tests: tests.ts; archives: fixtures.ts.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

// NOTE (faithful to the original): it defines a third security test, the plain zip bomb
// (tests.ts: sec_test_zip_bomb), but leaves it out of the scenario's list, so it never runs; it is
// left out here too. To run it, add it to `securityTests` and enable the extract-to-disk
// variant in reference/JavaScript-express/references.yaml (drop its `skip`), which it catches.
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
  references: loadReferences(import.meta.url),
};
