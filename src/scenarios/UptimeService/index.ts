import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

// NOTE (faithful to the original): the prose spec describes "/services" as a GET with a `token`
// query parameter, while the OpenAPI contract and every test use POST with a JSON body.
export const scenario = defineScenario(import.meta.url, {
  id: 'UptimeService',
  shortAppDescription: 'API that monitors whether services are up',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
