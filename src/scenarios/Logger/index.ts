import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'Logger',
  shortAppDescription: 'simple logging service',
  scenarioInstructions: `Keep the log in a plain text file named "logs.txt".
Write one log message per line of that file.
`,
  needsDb: false,
  needsSecret: false,
  functional,
  security,
});
