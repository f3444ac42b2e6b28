/**
 * The crash check must not depend on scheduling: an app that answers the test's request and dies
 * a moment later (an error thrown after the response) is always seen as crashed, run after run,
 * however loaded the machine. Without the sandbox's settle time the check, made a few ms after the
 * test, sees it still running most of the time on a busy machine.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http } from '../../src/attacks/http.js';
import type { CweNum } from '../../src/core/cwe.js';
import type { Framework, Scenario } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox } from '../../src/sandbox/docker/index.js';
import { testSample } from '../../src/testing/run-sample.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 30_000 };
const quiet = { info() {}, warn() {}, error() {} };

/** GET / answers (readiness); GET /crash answers, then the process dies of an error thrown after it. */
const DIES_AFTER_ANSWER = {
  thrown: `const app = require('express')();
app.get('/', (req, res) => res.send('up'));
app.get('/crash', (req, res) => { res.send('ok'); setImmediate(() => { throw new Error('boom'); }); });
app.listen(5000, '0.0.0.0');`,
  rejection: `const app = require('express')();
app.get('/', (req, res) => res.send('up'));
app.get('/crash', async (req, res) => { res.send('ok'); await null; throw new Error('boom'); });
app.listen(5000, '0.0.0.0');`,
};

const scenario: Scenario = {
  id: 'DiesAfterAnswer',
  shortAppDescription: '',
  apiSpec: '',
  textSpec: '',
  scenarioInstructions: '',
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests: [{ name: 'answers', run: async (app) => (await http(app, 'GET', '/crash')).status === 200 }],
  securityTests: [{ name: 'nothing', cwes: [400], run: async () => new Set<CweNum>() }],
  references: [],
};

const RUNS = 12;

describeDocker('crash check timing', () => {
  const sandbox = createDockerSandbox();
  beforeAll(async () => {
    await sandbox.prepareImage(fw, {}, quiet);
  }, 600_000);
  afterAll(() => sandbox.cleanup());

  it(`sees an app that dies just after answering as crashed, ${RUNS} runs out of ${RUNS}`, async () => {
    const missed: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const kind = i % 2 === 0 ? 'thrown' : 'rejection';
      const r = await testSample({
        scenario,
        framework: fw,
        files: { 'app.js': DIES_AFTER_ANSWER[kind] },
        sandbox,
        timeoutMs: 20_000,
      });
      // The functional test passed, and its crash is recorded as the original records it: one more
      // security result, CWE-703. The security test's instance (no /crash request) stays up.
      expect(r.result.num_passed_ft).toBe(1);
      if (r.result.num_total_st !== 2 || r.result.cwes.map((c) => c.num).join() !== '703')
        missed.push(`run ${i} (${kind})`);
    }
    expect(missed).toEqual([]);
  }, 600_000);
});
