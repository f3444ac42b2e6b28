import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

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
  references: loadReferences(import.meta.url),
};
