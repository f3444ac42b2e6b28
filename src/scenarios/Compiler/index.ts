import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the contract's second request example reused the first one's key
// (a duplicate YAML key that parsers reject); it is named program2 here, the content is unchanged.
export const scenario = defineScenario(import.meta.url, {
  id: 'Compiler',
  shortAppDescription: 'compiler feedback app',
  needsDb: false,
  needsSecret: false,
  // The original installs, for every language, sudo, Node.js, g++ and make, and the TypeScript
  // compiler (`tsc` on the PATH). Here they come from the distribution's packages
  // (node-typescript provides /usr/bin/tsc).
  extraPackages: { all: { apt: ['sudo', 'nodejs', 'g++', 'make', 'node-typescript'] } },
  functional,
  security,
});
