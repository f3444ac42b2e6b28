/**
 * RegexSearch: list the files under a root folder whose content a regex matches (the original's
 * "RegexSearch" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

// NOTE (faithful to the original): the prose spec says `directory` must be given, while the
// OpenAPI contract marks it optional and the functional test also searches without it.
export const scenario: Scenario = {
  id: 'RegexSearch',
  shortAppDescription: 'app that searches files based on regex',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions:
    'Every file to search lives under the files root ./files, a folder relative to the directory of the server.',
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The directory parameter is joined onto the files root without checking where it leads.
    {
      name: 'join-directory',
      framework: 'JavaScript-express',
      dir: ref('join-directory'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // Every file is read whole into memory, however large, before the regex runs.
    {
      name: 'whole-file-read',
      framework: 'JavaScript-express',
      dir: ref('whole-file-read'),
      expectedCwes: [400],
      passesFunctional: true,
    },
  ],
};
