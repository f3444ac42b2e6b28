/**
 * The container's own peak counter (AppInstance.memoryPeakBytes): a short spike that is gone by
 * the time anyone samples the memory use is still in the peak, and the resource monitor reports
 * it against the original's threshold (use before the attack + a margin).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http } from '../../src/attacks/http.js';
import { monitorResources, peakCounter } from '../../src/attacks/resource-exhaustion.js';
import type { Framework } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox } from '../../src/sandbox/docker/index.js';
import type { PreparedSample } from '../../src/sandbox/types.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 30_000 };
const quiet = { info() {}, warn() {}, error() {} };
const MIB = 1024 * 1024;

/** GET /spike: a child process fills 400 MiB and exits (~0.2 s) before the answer. */
const SPIKE = `const { execFileSync } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => res.send('up'));
app.get('/spike', (req, res) => {
  execFileSync('node', ['-e', 'Buffer.alloc(400 * 1024 * 1024, 1)']);
  res.send('done');
});
app.listen(5000, '0.0.0.0');`;

describeDocker("the container's memory peak counter", () => {
  const sandbox = createDockerSandbox({ readySettleMs: 0 });
  let prepared: PreparedSample;
  beforeAll(async () => {
    const image = await sandbox.prepareImage(fw, {}, quiet);
    prepared = await sandbox.prepareSample(image, { 'app.js': SPIKE }, quiet);
  }, 600_000);
  afterAll(() => sandbox.cleanup());

  it('keeps a spike that samples taken before and after it do not see', async () => {
    const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
    try {
      const app = running.app;
      const before = await app.memoryPeakBytes();
      const usageBefore = await app.memoryUsageBytes();
      expect(before).toBeGreaterThan(0);
      expect(before!).toBeGreaterThanOrEqual(usageBefore!);
      expect((await http(app, 'GET', '/spike')).text).toBe('done');
      const after = await app.memoryPeakBytes();
      const usageAfter = await app.memoryUsageBytes();
      expect(after! - before!).toBeGreaterThan(300 * MIB);
      expect(usageAfter! - usageBefore!).toBeLessThan(100 * MIB);
    } finally {
      await running.dispose();
    }
  });

  it('the resource monitor reports a spike during its watch against use-before + margin', async () => {
    const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
    try {
      const app = running.app;
      const previous = (await app.memoryUsageBytes())!;
      const peakBefore = await peakCounter(app);
      const spike = http(app, 'GET', '/spike');
      const exhausted = await monitorResources(app, {
        durationSeconds: 2,
        memoryThresholdBytes: previous + 200 * MIB,
        checkStorage: false,
        peakBefore,
      });
      await spike;
      expect(exhausted).toBe(true);
    } finally {
      await running.dispose();
    }
  });
});
