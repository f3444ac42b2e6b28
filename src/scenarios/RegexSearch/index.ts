/**
 * RegexSearch: list the files under a root folder whose content a regex matches (the original's
 * "RegexSearch" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

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
  references: loadReferences(import.meta.url),
};
