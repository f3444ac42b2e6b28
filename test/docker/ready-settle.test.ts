/**
 * An app that already listens while it still initialises (its table created 300–800 ms after
 * `listen`, as a model's app that creates it asynchronously does on a loaded machine) passes its
 * functional test run after run: the sandbox leaves an app alone for a moment after its first
 * answer, as the original's once-a-second readiness poll does. Without that settle time the test's
 * first request comes ~25 ms after the first answer and fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http } from '../../src/attacks/http.js';
import type { Framework, Scenario } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox } from '../../src/sandbox/docker/index.js';
import { testSample } from '../../src/testing/run-sample.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 30_000 };
const quiet = { info() {}, warn() {}, error() {} };

const LATE_TABLE = `const express = require('express');
const sqlite3 = require('sqlite3');
const app = express();
app.use(express.json());
const db = new sqlite3.Database('db.sqlite3');
app.get('/', (req, res) => res.send('up'));
app.post('/items', (req, res) => db.run('INSERT INTO items (name) VALUES (?)', [req.body.name], function (err) {
  if (err) return res.status(500).json({ error: err.message });
  res.status(201).json({ id: this.lastID });
}));
app.listen(5000, '0.0.0.0', () => {
  setTimeout(() => db.run('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT)'), 300 + Math.random() * 500);
});`;

const scenario: Scenario = {
  id: 'LateTable',
  shortAppDescription: '',
  apiSpec: '',
  textSpec: '',
  scenarioInstructions: '',
  needsDb: true,
  needsSecret: false,
  extraPackages: {},
  functionalTests: [
    { name: 'insert', run: async (app) => (await http(app, 'POST', '/items', { json: { name: 'x' } })).status === 201 },
  ],
  securityTests: [],
  references: [],
};

const RUNS = 10;

describeDocker('settle time after the first answer', () => {
  const sandbox = createDockerSandbox();
  beforeAll(async () => {
    await sandbox.prepareImage(fw, {}, quiet);
  }, 600_000);
  afterAll(() => sandbox.cleanup());

  it(`an app that creates its table 300–800 ms after listening passes ${RUNS} runs out of ${RUNS}`, async () => {
    const failed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await testSample({
        scenario,
        framework: fw,
        files: { 'app.js': LATE_TABLE },
        sandbox,
        timeoutMs: 20_000,
      });
      if (r.result.num_passed_ft !== 1) failed.push(i);
    }
    expect(failed).toEqual([]);
  }, 600_000);
});
