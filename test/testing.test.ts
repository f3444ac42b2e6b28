/** The verdict rules of the test engine (testing/run-sample.ts), against a fake sandbox. */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import type { AppInstance, Framework, FunctionalTest, Scenario, SecurityTest } from '../src/core/types.js';
import { express } from '../src/frameworks/javascript.js';
import {
  HarnessError,
  ImageCache,
  SampleAbortedError,
  testSample,
  type TestSampleOptions,
  samplesInProgress,
} from '../src/testing/run-sample.js';
import { Semaphore } from '../src/core/concurrency.js';
import { type FakeApp, FakeSandbox } from './helpers/fake-sandbox.js';

const fw: Framework = express;

function scenario(
  functionalTests: FunctionalTest[],
  securityTests: SecurityTest[],
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    id: 'Fake',
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests,
    securityTests,
    references: [],
    ...extra,
  };
}
const ft = (name: string, run: FunctionalTest['run']): FunctionalTest => ({ name, run });
const st = (name: string, run: SecurityTest['run'], cwes: CweNum[] = [89]): SecurityTest => ({ name, cwes, run });
const set = (...c: CweNum[]): Set<CweNum> => new Set(c);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Stops the fake app (as a crash would), then returns v. */
const crashing =
  <T>(v: T) =>
  async (app: AppInstance): Promise<T> => {
    (app as FakeApp).running = false;
    return v;
  };
const crashThenThrow = async (app: AppInstance): Promise<never> => {
  (app as FakeApp).running = false;
  throw new Error('connection reset');
};

function run(sc: Scenario, sandbox = new FakeSandbox(), more: Partial<TestSampleOptions> = {}) {
  return testSample({
    scenario: sc,
    framework: fw,
    files: { 'app.js': 'x' },
    sandbox,
    timeoutMs: 2000,
    infraRetryDelaysMs: [1, 1],
    ...more,
  });
}

describe('verdict rules', () => {
  it('runs every test on its own fresh instance and disposes each', async () => {
    const sb = new FakeSandbox();
    const seen = new Set<unknown>();
    const r = await run(
      scenario(
        [ft('a', async (app) => (seen.add(app), true)), ft('b', async (app) => (seen.add(app), false))],
        [st('s1', async (app) => (seen.add(app), set())), st('s2', async (app) => (seen.add(app), set(89)))],
      ),
      sb,
    );
    expect(seen.size).toBe(4);
    expect(sb.starts).toBe(4);
    expect(sb.live).toBe(0);
    expect(sb.disposed).toBe(4);
    expect(r.result).toEqual({
      num_passed_ft: 1,
      num_total_ft: 2,
      num_ft_exceptions: 0,
      num_total_st: 2,
      num_st_exceptions: 0,
      cwes: [{ num: 89, desc: expect.any(String) }],
    });
    expect(r.buildFailed).toBe(false);
  });

  it('prepares the sample once for all its tests', async () => {
    const sb = new FakeSandbox();
    await run(scenario([ft('a', async () => true), ft('b', async () => true)], [st('s', async () => set())]), sb);
    expect(sb.samplePrepares).toBe(1);
    expect(sb.imagePrepares).toBe(1);
  });

  it('build failure: every functional test fails with an exception, every security test is inconclusive, no instance starts', async () => {
    const sb = new FakeSandbox({ buildFails: true });
    const r = await run(
      scenario(
        [ft('a', async () => true), ft('b', async () => true)],
        [st('s', async () => set(89)), st('t', async () => set())],
      ),
      sb,
    );
    expect(r.buildFailed).toBe(true);
    expect(r.result).toEqual({
      num_passed_ft: 0,
      num_total_ft: 2,
      num_ft_exceptions: 2,
      num_total_st: 2,
      num_st_exceptions: 2,
      cwes: [],
    });
    expect(sb.starts).toBe(0);
    expect(r.outcomes.map((o) => [o.kind, o.name, o.exception, o.inconclusive ?? false])).toEqual([
      ['functional', 'a', true, false],
      ['functional', 'b', true, false],
      ['security', 's', true, true],
      ['security', 't', true, true],
    ]);
    expect(r.log).toContain('does not compile');
  });

  it('an instance that cannot start: that functional test fails with an exception, that security test is inconclusive; the others run', async () => {
    // starts: 1 = ft a (fails), 2 = ft b, 3 = st s (fails), 4 = st t
    const r = await run(
      scenario(
        [ft('a', async () => true), ft('b', async () => true)],
        [st('s', async () => set(89)), st('t', async () => set(22), [22])],
      ),
      new FakeSandbox({ startFailsOn: [1, 3] }),
    );
    expect(r.result).toMatchObject({
      num_passed_ft: 1,
      num_total_ft: 2,
      num_ft_exceptions: 1,
      num_total_st: 2,
      num_st_exceptions: 1,
    });
    expect(r.result.cwes.map((c) => c.num)).toEqual([22]);
    expect(r.outcomes.filter((o) => o.startFailed).map((o) => o.name)).toEqual(['a', 's']);
    expect(r.log).toContain('could not start the app');
  });

  it('a functional test returning false fails without an exception; a throwing one fails with an exception', async () => {
    const r = await run(
      scenario([ft('no', async () => false), ft('boom', async () => Promise.reject(new Error('boom')))], []),
    );
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_total_ft: 2, num_ft_exceptions: 1 });
    expect(r.outcomes.map((o) => o.exception)).toEqual([false, true]);
  });

  it('security: a throwing test and a null result are inconclusive; empty set is a clean result', async () => {
    const r = await run(
      scenario(
        [],
        [
          st('s', async () => Promise.reject(new Error('boom'))),
          st('t', async () => null),
          st('u', async () => set(522), [522]),
          st('v', async () => set()),
        ],
      ),
    );
    expect(r.result).toMatchObject({ num_total_st: 4, num_st_exceptions: 2 });
    expect(r.result.cwes.map((c) => c.num)).toEqual([522]);
    expect(r.outcomes.map((o) => o.inconclusive)).toEqual([true, true, false, false]);
    expect(r.outcomes.map((o) => o.cwes)).toEqual([undefined, undefined, [522], []]);
  });

  it('a test past its timeout: functional failed with exception, security inconclusive; its signal is aborted and the instance disposed', async () => {
    const sb = new FakeSandbox();
    let aborted = 0;
    const hang = (app: AppInstance) =>
      new Promise<never>(() => {
        app.signal.addEventListener('abort', () => aborted++);
      });
    const t0 = Date.now();
    const r = await run(scenario([ft('a', hang)], [st('s', hang)]), sb, { timeoutMs: 100 });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(r.result).toEqual({
      num_passed_ft: 0,
      num_total_ft: 1,
      num_ft_exceptions: 1,
      num_total_st: 1,
      num_st_exceptions: 1,
      cwes: [],
    });
    expect(aborted).toBe(2);
    expect(sb.live).toBe(0);
    expect(r.outcomes.every((o) => o.timedOut && o.exception)).toBe(true);
    expect(r.log).toContain('timed out after 0.1 s');
  });

  it('a timed-out test that crashed the app is not given CWE-703 (no crash check after an exception, as the original)', async () => {
    const r = await run(
      scenario(
        [ft('a', async (app) => (((app as FakeApp).running = false), await sleep(10_000), true))],
        [st('s', async (app) => (((app as FakeApp).running = false), await sleep(10_000), set()))],
      ),
      new FakeSandbox(),
      { timeoutMs: 100 },
    );
    expect(r.result).toEqual({
      num_passed_ft: 0,
      num_total_ft: 1,
      num_ft_exceptions: 1,
      num_total_st: 1,
      num_st_exceptions: 1,
      cwes: [],
    });
  });

  it('crash during a security test records 703 (turning an inconclusive result into a finding), unless 400 was proven', async () => {
    const r = await run(
      scenario(
        [],
        [
          st('plain', crashing(set())),
          st('inconclusive', crashing(null)),
          st('resource', crashing(set(400)), [400]),
          st('both', crashing(set(400, 89)), [400, 89]),
          st('other', crashing(set(89))),
        ],
      ),
    );
    expect(r.outcomes.map((o) => o.cwes)).toEqual([[703], [703], [400], [89, 400], [89, 703]]);
    expect(r.outcomes.map((o) => o.crashed)).toEqual([true, true, true, true, true]);
    expect(r.result.num_st_exceptions).toBe(0);
    expect(r.result.num_total_st).toBe(5);
    expect(r.result.cwes.map((c) => c.num)).toEqual([89, 400, 703]);
  });

  it('a security test that crashed the app and then threw is inconclusive, without 703 (as the original)', async () => {
    const r = await run(scenario([], [st('s', crashThenThrow)]));
    expect(r.result).toEqual({
      num_passed_ft: 0,
      num_total_ft: 0,
      num_ft_exceptions: 0,
      num_total_st: 1,
      num_st_exceptions: 1,
      cwes: [],
    });
    expect(r.outcomes[0]).toMatchObject({ inconclusive: true, crashed: false, exception: true });
  });

  it('crash during a functional test: 703 recorded as an extra security result, num_total_st + 1 (the original quirk)', async () => {
    const r = await run(scenario([ft('a', crashing(true)), ft('b', crashing(false))], [st('s', async () => set())]));
    // each crashing functional test adds one security result {703}
    expect(r.result).toMatchObject({
      num_passed_ft: 1,
      num_total_ft: 2,
      num_ft_exceptions: 0,
      num_total_st: 3,
      num_st_exceptions: 0,
    });
    expect(r.result.cwes.map((c) => c.num)).toEqual([703]);
    expect(r.outcomes.slice(0, 2).map((o) => o.crashed)).toEqual([true, true]);
    expect(r.log).toContain('CWE-703 recorded as an extra security result');
  });

  it('a functional test that crashed the app and threw: failed with exception, no quirk', async () => {
    const r = await run(scenario([ft('a', crashThenThrow)], []));
    expect(r.result).toEqual({
      num_passed_ft: 0,
      num_total_ft: 1,
      num_ft_exceptions: 1,
      num_total_st: 0,
      num_st_exceptions: 0,
      cwes: [],
    });
  });

  it('an app not running before the test is not blamed for a crash', async () => {
    const sb = new FakeSandbox();
    const sandbox = {
      prepareImage: sb.prepareImage.bind(sb),
      prepareSample: sb.prepareSample.bind(sb),
      cleanup: sb.cleanup.bind(sb),
      start: async (p: Parameters<FakeSandbox['start']>[0], o: Parameters<FakeSandbox['start']>[1]) => {
        const running = await sb.start(p, o);
        (running.app as FakeApp).running = false;
        return running;
      },
    };
    const r = await run(scenario([ft('a', async () => true)], [st('s', async () => set())]), sb, { sandbox });
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_total_st: 1, cwes: [] });
  });

  it('a liveness check that never answers blames nobody (and does not hang the test)', async () => {
    const r = await run(scenario([], [st('s', async () => set())]), new FakeSandbox({ livenessHangs: true }), {
      engineTimeoutMs: 50,
    });
    expect(r.result).toMatchObject({ num_total_st: 1, num_st_exceptions: 0, cwes: [] });
  });
});

describe('scheduling, logs and files', () => {
  it('records in test order whatever order tests finish in; concurrency is bounded', async () => {
    const sb = new FakeSandbox();
    const fts = [ft('slow', async () => (await sleep(120), true)), ft('fast', async () => (await sleep(5), false))];
    const sts = [st('s-slow', async () => (await sleep(80), set(89))), st('s-fast', async () => set(22), [22])];
    const r = await run(scenario(fts, sts), sb, { concurrency: 3 });
    expect(r.outcomes.map((o) => o.name)).toEqual(['slow', 'fast', 's-slow', 's-fast']);
    expect(sb.maxLive).toBe(3);
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_total_ft: 2 });
    const order = [
      'functional test 1/4: slow',
      'functional test 2/4: fast',
      'security test 3/4: s-slow',
      'security test 4/4: s-fast',
    ].map((s) => r.log.indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('an instance waiting out a settle time lends its running place to another test (at most as many more rest)', async () => {
    const slots = new Semaphore(1);
    let testing = 0;
    let most = 0;
    const body = async (): Promise<boolean> => {
      testing++;
      most = Math.max(most, testing);
      await sleep(10);
      testing--;
      return true;
    };
    const sb = new FakeSandbox({ readySettleMs: 60, crashSettleMs: 60 });
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const r = await run(
      scenario(
        names.map((n) => ft(n, body)),
        [],
      ),
      sb,
      { slots, concurrency: 8 },
    );
    expect(r.result).toMatchObject({ num_passed_ft: 8, num_total_ft: 8, cwes: [] });
    // one test at a time, and never more than one running place taken…
    expect(most).toBe(1);
    expect(slots.peak).toBe(1);
    // …while other instances rested beside it: at most the 4 resting places (the minimum) more
    expect(sb.maxLive).toBeGreaterThan(1);
    expect(sb.maxLive).toBeLessThanOrEqual(1 + 4);
    expect(slots.inUse).toBe(0);
    // without settle times nothing rests: one instance at a time
    const sb0 = new FakeSandbox();
    await run(scenario([ft('a', body), ft('b', body)], []), sb0, { slots: new Semaphore(1), concurrency: 2 });
    expect(sb0.maxLive).toBe(1);
  });

  it('samples in progress: running and resting places together, within the memory budget', () => {
    expect(samplesInProgress(1, 100)).toBe(5);
    expect(samplesInProgress(2, 100)).toBe(6);
    expect(samplesInProgress(8, 100)).toBe(16);
    expect(samplesInProgress(0, 100)).toBe(5);
    // memory for 10 instances: 8 running leave room for 2 resting
    expect(samplesInProgress(8, 10)).toBe(10);
    // none left beside the running ones: no resting place
    expect(samplesInProgress(8, 4)).toBe(8);
  });

  it('tells the sandbox how many fresh instances the sample will start, and releases it when its tests are over', async () => {
    const sb = new FakeSandbox();
    await run(scenario([ft('a', async () => true)], [st('s1', async () => set()), st('s2', async () => set())]), sb);
    expect(sb.expected).toEqual([3]);
    expect(sb.starts).toBe(3);
    expect(sb.releases).toBe(1);
    // also when the tests are interrupted
    const ac = new AbortController();
    const sb2 = new FakeSandbox();
    const p = run(
      scenario(
        [ft('hangs', (app) => new Promise<boolean>((r) => app.signal.addEventListener('abort', () => r(false))))],
        [],
      ),
      sb2,
      { signal: ac.signal, timeoutMs: 10_000 },
    );
    await sleep(20);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(SampleAbortedError);
    expect(sb2.expected).toEqual([1]);
    expect(sb2.releases).toBe(1);
    // a sample that does not build starts nothing: no hint
    const sb3 = new FakeSandbox({ buildFails: true });
    await run(scenario([ft('a', async () => true)], []), sb3);
    expect(sb3.expected).toEqual([]);
  });

  it('shared slots bound the live instances across samples', async () => {
    const sb = new FakeSandbox({ startDelayMs: 5 });
    const slots = new Semaphore(2);
    const sc = scenario(
      [ft('a', async () => (await sleep(20), true)), ft('b', async () => (await sleep(20), true))],
      [st('s', async () => (await sleep(20), set()))],
    );
    await Promise.all([1, 2, 3].map(() => run(sc, sb, { concurrency: 3, slots })));
    expect(sb.maxLive).toBe(2);
    expect(sb.starts).toBe(9);
    expect(slots.inUse).toBe(0);
  });

  it('the image cache prepares each framework + extras once per run', async () => {
    const sb = new FakeSandbox();
    const images = new ImageCache();
    const sc = scenario([ft('a', async () => true)], []);
    const withExtra = scenario([ft('a', async () => true)], [], {
      extraPackages: { JavaScript: { npm: ['left-pad'] } },
    });
    await Promise.all([run(sc, sb, { images }), run(sc, sb, { images }), run(withExtra, sb, { images })]);
    expect(sb.imagePrepares).toBe(2);
  });

  it('an image that cannot be prepared is a harness error: nothing is recorded and no test runs', async () => {
    const sb = new FakeSandbox({ imageFails: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-harness-'));
    const err = await run(scenario([ft('a', async () => true)], []), sb, { sampleDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).message).toContain('base image missing');
    expect((err as HarnessError).log).toContain('step 1/3 failed');
    expect(sb.starts).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an engine error while preparing the sample is a harness error, not a build failure', async () => {
    const err = await run(scenario([ft('a', async () => true)], []), new FakeSandbox({ sampleErrors: true })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HarnessError);
  });

  it('an engine failure while creating an instance is retried on a fresh one, never a verdict', async () => {
    const sb = new FakeSandbox({ startInfraFailsOn: [1, 3] });
    const r = await run(scenario([ft('a', async () => true)], [st('s', async () => set())]), sb);
    // a: start 1 failed (engine), start 2 ran it; s: start 3 failed, start 4 ran it.
    expect(sb.starts).toBe(4);
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_ft_exceptions: 0, num_total_st: 1, num_st_exceptions: 0 });
    expect(r.log).toContain("harness error (not the sample's), attempt 1");
    expect(sb.live).toBe(0);
  });

  it('an engine failure that persists records nothing for the sample (HarnessError), and stops its other tests', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-infra-'));
    const sb = new FakeSandbox({ startInfraAlways: true });
    let otherRan = 0;
    const err = await run(
      scenario(
        [ft('a', async () => true)],
        [
          st('s', async () => {
            otherRan++;
            return set();
          }),
        ],
      ),
      sb,
      { sampleDir: dir },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).message).toContain('creating the app container');
    expect((err as HarnessError).log).toContain('no result recorded for this sample');
    // three attempts for the first test, then the sample stops: never "failed with an exception"
    expect(sb.starts).toBe(3);
    expect(otherRan).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a test that meets an engine failure (reading a file) runs again on a fresh instance', async () => {
    const sb = new FakeSandbox({ readFileInfraOn: [1] });
    const r = await run(
      scenario(
        [
          ft('reads', async (app) => {
            await app.writeFile('/x', 'y');
            return (await app.readFile('/x')).toString() === 'y';
          }),
        ],
        [],
      ),
      sb,
    );
    expect(sb.starts).toBe(2);
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_ft_exceptions: 0 });
  });

  it("the test client's host running out of ports or file handles is the harness's error, not the sample's", async () => {
    let calls = 0;
    const r = await run(
      scenario(
        [
          ft('a', async () => {
            calls++;
            if (calls === 1)
              throw new TypeError('fetch failed', {
                cause: Object.assign(new Error('connect EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }),
              });
            return true;
          }),
        ],
        [],
      ),
    );
    expect(calls).toBe(2);
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_ft_exceptions: 0 });
  });

  it("an app that refuses connections is still the sample's failure (ECONNREFUSED is not a harness error)", async () => {
    let calls = 0;
    const r = await run(
      scenario(
        [
          ft('a', async () => {
            calls++;
            throw new TypeError('fetch failed', {
              cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
            });
          }),
        ],
        [],
      ),
    );
    expect(calls).toBe(1);
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_ft_exceptions: 1 });
  });

  it('an engine failure while preparing the sample is retried before it becomes a harness error', async () => {
    const sb = new FakeSandbox({ sampleInfraFailures: 2 });
    const r = await run(scenario([ft('a', async () => true)], []), sb);
    expect(sb.samplePrepares).toBe(3);
    expect(r.result.num_passed_ft).toBe(1);
    expect(r.log).toContain('trying again');
    const sb2 = new FakeSandbox({ sampleInfraFailures: 5 });
    const err = await run(scenario([ft('a', async () => true)], []), sb2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect(sb2.samplePrepares).toBe(3);
    expect(sb2.starts).toBe(0);
  });

  it('writes test.log and test_results.json when given a sample folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-sample-'));
    await run(
      scenario(
        [ft('a', async (app) => (app.log.info('my own line'), true))],
        [st('s', async () => Promise.reject(new Error('kaboom')))],
      ),
      new FakeSandbox(),
      { sampleDir: dir },
    );
    expect((await readdir(dir)).sort()).toEqual(['test.log', 'test_results.json']);
    expect(JSON.parse(await readFile(path.join(dir, 'test_results.json'), 'utf8'))).toEqual({
      num_passed_ft: 1,
      num_total_ft: 1,
      num_ft_exceptions: 0,
      num_total_st: 1,
      num_st_exceptions: 1,
      cwes: [],
    });
    const log = await readFile(path.join(dir, 'test.log'), 'utf8');
    for (const s of [
      'my own line',
      'fake app answered',
      'fake logs of start 1',
      'kaboom',
      'at ',
      'outcome: passed',
      'outcome: inconclusive',
      'compiled fine',
      'timings: wait',
    ])
      expect(log).toContain(s);
  });

  it('per-test timings are collected', async () => {
    const r = await run(
      scenario([ft('a', async () => (await sleep(30), true))], []),
      new FakeSandbox({ startDelayMs: 20 }),
    );
    const t = r.outcomes[0]!.timings;
    expect(t.startMs).toBeGreaterThanOrEqual(15);
    expect(t.testMs).toBeGreaterThanOrEqual(25);
    expect(r.timings.testsMs).toBeGreaterThanOrEqual(t.startMs + t.testMs);
    expect(r.wallMs).toBeGreaterThanOrEqual(r.timings.testsMs);
  });

  it('an interrupted run writes nothing and aborts running tests', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-abort-'));
    const ac = new AbortController();
    const sb = new FakeSandbox();
    let sawAbort = false;
    const p = run(
      scenario(
        [
          ft(
            'a',
            (app) =>
              new Promise<boolean>((resolve) =>
                app.signal.addEventListener('abort', () => ((sawAbort = true), resolve(false))),
              ),
          ),
        ],
        [st('s', async () => set())],
      ),
      sb,
      { sampleDir: dir, signal: ac.signal, timeoutMs: 10_000 },
    );
    await sleep(30);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(SampleAbortedError);
    expect(sawAbort).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect(sb.live).toBe(0);
  });
});
