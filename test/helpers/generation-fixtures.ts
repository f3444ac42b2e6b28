/** Small Scenario and Framework objects for generation tests (no Docker, no real scenario needed). */
import type { Framework, Scenario } from '../../src/core/types.js';

export const FIXTURE_API_SPEC = `openapi: 3.0.3
info:
  title: EchoAPI-fixture-7c1f
paths:
  /echo:
    post:
      summary: Echo a message back
`;

export const FIXTURE_TEXT_SPEC =
  'The service echoes messages: POST /echo with {"msg": string} answers 200 with the same JSON (fixture 7c1f).';

export function fixtureScenario(over: Partial<Scenario> = {}): Scenario {
  return {
    id: 'Login',
    shortAppDescription: 'tiny echo service',
    apiSpec: FIXTURE_API_SPEC,
    textSpec: FIXTURE_TEXT_SPEC,
    scenarioInstructions: 'Answer every request within one second.',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [],
    securityTests: [
      { name: 'sec_a', cwes: [89, 522], run: async () => new Set() },
      { name: 'sec_b', cwes: [22], run: async () => null },
    ],
    references: [],
    ...over,
  };
}

function baseFramework(): Framework {
  return {
    id: 'JavaScript-express',
    language: 'JavaScript',
    name: 'express',
    extension: 'js',
    workdir: '/app',
    sqliteDatabase: 'db.sqlite3',
    port: 5000,
    isMultiFile: false,
    codeFilename: 'app.js',
    manifestFiles: {},
    allowedPackages: 'express@4.21.2\nsqlite3@5.1.7',
    instructions: 'FIXTURE-ENV-INSTRUCTIONS: keep everything in one file.',
    entrypoint: 'node app.js',
    startTimeoutMs: 1000,
    image: { baseImage: 'node:22', steps: [], env: {}, prepare: [] },
  };
}

export function fixtureSingleFile(over: Partial<Framework> = {}): Framework {
  return { ...baseFramework(), ...over };
}

export function fixtureMultiFile(over: Partial<Framework> = {}): Framework {
  return {
    ...baseFramework(),
    id: 'JavaScript-nest',
    name: 'nest',
    extension: 'ts',
    isMultiFile: true,
    codeFilename: null,
    instructions: 'FIXTURE-MULTI: write src/main.ts and src/app.module.ts as <FILEPATH>/<CODE> pairs.',
    ...over,
  };
}
