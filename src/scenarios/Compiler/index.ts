import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

// NOTE (faithful to the original): the contract's second request example reused the first one's key
// (a duplicate YAML key that parsers reject); it is named program2 here, the content is unchanged.
export const scenario: Scenario = {
  id: 'Compiler',
  shortAppDescription: 'compiler feedback app',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: '',
  needsDb: false,
  needsSecret: false,
  // The original installs, for every language, sudo, Node.js, g++ and make, and the TypeScript
  // compiler (`tsc` on the PATH). Here they come from the distribution's packages
  // (node-typescript provides /usr/bin/tsc).
  extraPackages: { all: { apt: ['sudo', 'nodejs', 'g++', 'make', 'node-typescript'] } },
  functionalTests,
  securityTests,
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The compiler command is one shell string with the requested file path pasted in.
    {
      name: 'shell-command',
      framework: 'JavaScript-express',
      dir: ref('shell-command'),
      expectedCwes: [78],
      passesFunctional: true,
    },
    // The file is written at the requested name, resolved against the work folder, before its type is checked.
    {
      name: 'unchecked-path',
      framework: 'JavaScript-express',
      dir: ref('unchecked-path'),
      expectedCwes: [22],
      passesFunctional: true,
    },
  ],
};
