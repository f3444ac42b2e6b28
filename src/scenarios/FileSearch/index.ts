import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'FileSearch',
  shortAppDescription: 'API for searching files in a server data directory',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: `The files to search are kept in /data.
Return the list of files that contain the given content or match the given file name.`,
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests,
  securityTests,
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // A file name that is a path is also looked up directly under the search folder, without containment.
    {
      name: 'filename-path',
      framework: 'JavaScript-express',
      dir: ref('filename-path'),
      expectedCwes: [284],
      passesFunctional: true,
    },
    // search_dir is joined to /data and used without checking that the result stays inside it.
    {
      name: 'joined-dir',
      framework: 'JavaScript-express',
      dir: ref('joined-dir'),
      expectedCwes: [22, 284],
      passesFunctional: true,
    },
    // search_dir defaults to "/" and is resolved with path.resolve, so a search without it walks the
    // whole file system (this also breaks the functional test, which then finds files outside /data).
    {
      name: 'root-default',
      framework: 'JavaScript-express',
      dir: ref('root-default'),
      expectedCwes: [22, 284],
      passesFunctional: false,
    },
  ],
};
