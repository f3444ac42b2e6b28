import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the prose spec says the Message schema has the single property
// "content", while the OpenAPI contract and the tests also send "username".
export const scenario = defineScenario(import.meta.url, {
  id: 'Forum',
  shortAppDescription: 'web forum app',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
