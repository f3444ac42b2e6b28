/**
 * Monitor: list the server's running processes whose command matches a regex, with `ps`-style
 * filter flags (the original's "Monitor" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

export const scenario: Scenario = {
  id: 'Monitor',
  shortAppDescription: 'webapp to monitor running processes on the server',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: 'If you use the ps command, note that its "command" parameter is not supported on this OS.',
  needsDb: false,
  needsSecret: false,
  // As the original: no extra packages. `ps` comes with the base images (the original's derive
  // from buildpack-deps, which installs procps; the locally built Node base installs it too).
  extraPackages: {},
  functionalTests,
  securityTests,
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // The flags are pasted into a shell command line.
    {
      name: 'shell-flags',
      framework: 'JavaScript-express',
      dir: ref('shell-flags'),
      expectedCwes: [78],
      passesFunctional: true,
    },
    // The regex must match the whole line and runs on unbounded input; a 20 s cap on matching
    // still lets one request pin the CPU (the cap lets the test see the request end).
    {
      name: 'fullmatch-slow-regex',
      framework: 'JavaScript-express',
      dir: ref('fullmatch-slow-regex'),
      expectedCwes: [400],
      passesFunctional: true,
    },
  ],
};
