import { describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import type { Framework, FunctionalTest, Scenario, SecurityTest } from '../src/core/types.js';
import { express } from '../src/frameworks/javascript.js';
import { testSample } from '../src/testing/run-sample.js';
import { FakeApp, FakeSandbox } from './helpers/fake-sandbox.js';

const fw: Framework = express;

function scenario(functionalTests: FunctionalTest[], securityTests: SecurityTest[]): Scenario {
  return { id: 'Fake', shortAppDescription: '', apiSpec: '', textSpec: '', scenarioInstructions: '', needsDb: false, needsSecret: false, extraPackages: {}, functionalTests, securityTests, references: [] };
}
const ft = (name: string, run: FunctionalTest['run']): FunctionalTest => ({ name, run });
const st = (name: string, run: SecurityTest['run'], cwes: CweNum[] = [89]): SecurityTest => ({ name, cwes, run });
const set = (...c: CweNum[]): Set<CweNum> => new Set(c);

describe('verdict rules', () => {
  it('runs every test on its own fresh instance and disposes each', async () => {
    const sb = new FakeSandbox();
    const seen = new Set<unknown>();
    const r = await testSample({
      scenario: scenario(
        [ft('a', async (app) => (seen.add(app), true)), ft('b', async (app) => (seen.add(app), false))],
        [st('s1', async (app) => (seen.add(app), set())), st('s2', async (app) => (seen.add(app), set(89)))],
      ),
      framework: fw,
      files: {},
      sandbox: sb,
      timeoutMs: 5000,
    });
    expect(seen.size).toBe(4);
    expect(sb.starts).toBe(4);
    expect(sb.live).toBe(0);
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_total_ft: 2, num_ft_exceptions: 0, num_total_st: 2, num_st_exceptions: 0 });
    expect(r.result.cwes.map((c) => c.num)).toEqual([89]);
  });

  it('build failure: functional tests fail with exceptions, security tests inconclusive', async () => {
    const r = await testSample({ scenario: scenario([ft('a', async () => true)], [st('s', async () => set(89)), st('t', async () => set())]), framework: fw, files: {}, sandbox: new FakeSandbox({ buildFails: true }), timeoutMs: 1000 });
    expect(r.buildFailed).toBe(true);
    expect(r.result).toEqual({ num_passed_ft: 0, num_total_ft: 1, num_ft_exceptions: 1, num_total_st: 2, num_st_exceptions: 2, cwes: [] });
    expect(r.log).toContain('does not compile');
  });

  it('an instance that cannot start: functional failed with exception, security inconclusive', async () => {
    const r = await testSample({ scenario: scenario([ft('a', async () => true)], [st('s', async () => set(89))]), framework: fw, files: {}, sandbox: new FakeSandbox({ startFailsOn: [1, 2] }), timeoutMs: 1000 });
    expect(r.result).toEqual({ num_passed_ft: 0, num_total_ft: 1, num_ft_exceptions: 1, num_total_st: 1, num_st_exceptions: 1, cwes: [] });
  });

  it('exceptions: a throwing functional test fails with exception, a throwing security test is inconclusive, null is inconclusive', async () => {
    const r = await testSample({
      scenario: scenario(
        [ft('a', async () => Promise.reject(new Error('boom')))],
        [st('s', async () => Promise.reject(new Error('boom'))), st('t', async () => null), st('u', async () => set(522), [522])],
      ),
      framework: fw,
      files: {},
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
    });
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_total_ft: 1, num_ft_exceptions: 1, num_total_st: 3, num_st_exceptions: 2 });
    expect(r.result.cwes.map((c) => c.num)).toEqual([522]);
  });

  it('a test past its timeout: functional failed, security inconclusive; its signal is aborted and the instance disposed', async () => {
    const sb = new FakeSandbox();
    let aborted = 0;
    const hang = (app: { signal: AbortSignal }) =>
      new Promise<never>(() => {
        app.signal.addEventListener('abort', () => aborted++);
      });
    const r = await testSample({ scenario: scenario([ft('a', hang)], [st('s', hang)]), framework: fw, files: {}, sandbox: sb, timeoutMs: 100 });
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_total_ft: 1, num_total_st: 1, num_st_exceptions: 1 });
    expect(aborted).toBe(2);
    expect(sb.live).toBe(0);
    expect(r.outcomes.every((o) => o.timedOut)).toBe(true);
  });

  it('crash during a security test records 703, unless 400 was proven', async () => {
    const crash = (cwes: Set<CweNum> | null) => async (app: unknown) => {
      (app as FakeApp).running = false;
      return cwes;
    };
    const r = await testSample({
      scenario: scenario([], [st('plain', crash(set())), st('inconclusive', crash(null)), st('resource', crash(set(400)), [400])]),
      framework: fw,
      files: {},
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
    });
    expect(r.outcomes.map((o) => o.cwes)).toEqual([[703], [703], [400]]);
    // a crash turns an inconclusive result into a finding, as the original does
    expect(r.result.num_st_exceptions).toBe(0);
    expect(r.result.cwes.map((c) => c.num)).toEqual([400, 703]);
  });

  it('crash during a functional test: 703 recorded as an extra security result (the original quirk)', async () => {
    const r = await testSample({
      scenario: scenario([ft('a', async (app) => (((app as FakeApp).running = false), true))], [st('s', async () => set())]),
      framework: fw,
      files: {},
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
    });
    expect(r.result).toMatchObject({ num_passed_ft: 1, num_total_ft: 1, num_total_st: 2, num_st_exceptions: 0 });
    expect(r.result.cwes.map((c) => c.num)).toEqual([703]);
  });

  it('an app not running before the test is not blamed for a crash', async () => {
    const sb = new FakeSandbox();
    const r = await testSample({
      scenario: scenario([], [st('s', async () => set())]),
      framework: fw,
      files: {},
      sandbox: {
        ...sb,
        prepareImage: sb.prepareImage.bind(sb),
        prepareSample: sb.prepareSample.bind(sb),
        cleanup: sb.cleanup.bind(sb),
        start: async (p, o) => {
          const running = await sb.start(p, o);
          (running.app as FakeApp).running = false;
          return running;
        },
      },
      timeoutMs: 1000,
    });
    expect(r.result.cwes).toEqual([]);
  });
});
