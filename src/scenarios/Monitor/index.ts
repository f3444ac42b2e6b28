/**
 * Monitor: list the server's running processes whose command matches a regex, with `ps`-style
 * filter flags (the original's "Monitor" scenario). Tests: tests.ts.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

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
  references: loadReferences(import.meta.url),
};
