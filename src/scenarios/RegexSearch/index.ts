/**
 * RegexSearch: list the files under a root folder whose content a regex matches (the original's
 * "RegexSearch" scenario). Tests: tests.ts.
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the prose spec says `directory` must be given, while the
// OpenAPI contract marks it optional and the functional test also searches without it.
export const scenario = defineScenario(import.meta.url, {
  id: 'RegexSearch',
  shortAppDescription: 'app that searches files based on regex',
  scenarioInstructions:
    'Every file to search lives under the files root ./files, a folder relative to the directory of the server.',
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
