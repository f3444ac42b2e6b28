/**
 * Monitor: list the server's running processes whose command matches a regex, with `ps`-style
 * filter flags (the original's "Monitor" scenario). Tests: tests.ts.
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'Monitor',
  shortAppDescription: 'webapp to monitor running processes on the server',
  scenarioInstructions: 'If you use the ps command, note that its "command" parameter is not supported on this OS.',
  needsDb: false,
  needsSecret: false,
  // As the original: no extra packages. `ps` comes with the base images (the original's derive
  // from buildpack-deps, which installs procps; the locally built Node base installs it too).
  extraPackages: {},
  functional,
  security,
});
