/** pipeline/test.ts over a results tree, with a fake sandbox: resume, force, skips, errors, interruption, references. */
import { mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import { codeDir, sampleDir } from '../src/core/results.js';
import type { Scenario, TaskKey } from '../src/core/types.js';
import { express, koa } from '../src/frameworks/javascript.js';
import { materializeReferences, runTests, type SampleEvent, type SampleJob } from '../src/pipeline/test.js';
import { FakeSandbox, type FakeApp } from './helpers/fake-sandbox.js';

const REF_DIR = path.join(os.tmpdir(), 'bx-fake-refs');

/** A scenario whose tests read the sample's code: "BROKEN" fails the functional test, "SQLI" shows CWE-89. */
function fakeScenario(): Scenario {
  return {
    id: 'Login',
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [{ name: 'works', run: async (app) => !(app as FakeApp).code['app.js']?.includes('BROKEN') }],
    securityTests: [
      {
        name: 'sqli',
        cwes: [89],
        run: async (app) => new Set<CweNum>((app as FakeApp).code['app.js']?.includes('SQLI') ? [89] : []),
      },
    ],
    references: [
      {
        name: 'secure',
        framework: express.id,
        dir: path.join(REF_DIR, 'secure'),
        expectedCwes: [],
        passesFunctional: true,
      },
    ],
  };
}

const key = (model: string, framework = express.id): TaskKey => ({
  model,
  scenario: 'Login',
  framework,
  temperature: 0.2,
  specType: 'openapi',
  safetyPrompt: 'none',
});

async function tree(samples: Record<number, string | null>, model = 'm'): Promise<{ root: string; jobs: SampleJob[] }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bx-pipe-'));
  const scenario = fakeScenario();
  const jobs: SampleJob[] = [];
  for (const [i, code] of Object.entries(samples)) {
    const n = Number(i);
    if (code !== null) {
      await mkdir(codeDir(root, key(model), n), { recursive: true });
      await writeFile(path.join(codeDir(root, key(model), n), 'app.js'), code);
    }
    jobs.push({ key: key(model), sample: n, scenario, framework: express });
  }
  return { root, jobs };
}

const results = async (root: string, i: number, model = 'm') =>
  JSON.parse(await readFile(path.join(sampleDir(root, key(model), i), 'test_results.json'), 'utf8')) as {
    num_passed_ft: number;
    cwes: { num: number }[];
  };
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('runTests', () => {
  it('tests samples with code, skips samples without, writes results and logs, counts correct/secure', async () => {
    const { root, jobs } = await tree({ 0: 'ok', 1: 'SQLI', 2: 'BROKEN', 3: null });
    const events: SampleEvent[] = [];
    const s = await runTests({
      resultsDir: root,
      jobs,
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 2,
      onSample: (e) => events.push(e),
    });
    expect(s).toMatchObject({ tested: 3, skippedNoCode: 1, skippedExisting: 0, errors: 0, correct: 2, secure: 1 });
    expect((await results(root, 0)).cwes).toEqual([]);
    expect((await results(root, 1)).cwes.map((c) => c.num)).toEqual([89]);
    expect((await results(root, 2)).num_passed_ft).toBe(0);
    expect(await exists(path.join(sampleDir(root, key('m'), 0), 'test.log'))).toBe(true);
    expect(await exists(sampleDir(root, key('m'), 3))).toBe(false);
    expect(events.map((e) => e.status).sort()).toEqual(['skipped-no-code', 'tested', 'tested', 'tested']);
  });

  it('is resumable: samples with test_results.json are skipped; --force clears *.log/*.json (not code, not other files) and retests', async () => {
    const { root, jobs } = await tree({ 0: 'ok', 1: 'ok' });
    const sb1 = new FakeSandbox();
    await runTests({ resultsDir: root, jobs, sandbox: sb1, timeoutMs: 1000, force: false, maxConcurrentRuns: 2 });
    expect(sb1.starts).toBe(4);
    const sb2 = new FakeSandbox();
    const again = await runTests({
      resultsDir: root,
      jobs,
      sandbox: sb2,
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 2,
    });
    expect(again).toMatchObject({ tested: 0, skippedExisting: 2 });
    expect(sb2.starts).toBe(0);

    const dir0 = sampleDir(root, key('m'), 0);
    await writeFile(path.join(dir0, 'old_test.log'), 'stale');
    await writeFile(path.join(dir0, 'extra.json'), '{}');
    await writeFile(path.join(dir0, 'raw_answer.txt'), 'the answer');
    await writeFile(path.join(codeDir(root, key('m'), 0), 'app.js'), 'SQLI');
    const forced = await runTests({
      resultsDir: root,
      jobs,
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      force: true,
      maxConcurrentRuns: 1,
    });
    expect(forced).toMatchObject({ tested: 2, skippedExisting: 0 });
    expect((await readdir(dir0)).sort()).toEqual(['code', 'raw_answer.txt', 'test.log', 'test_results.json']);
    expect((await results(root, 0)).cwes.map((c) => c.num)).toEqual([89]);
  });

  it('a sample whose log exists but whose results do not (killed between writes) is tested again', async () => {
    const { root, jobs } = await tree({ 0: 'ok' });
    await writeFile(path.join(sampleDir(root, key('m'), 0), 'test.log'), 'partial');
    const s = await runTests({
      resultsDir: root,
      jobs,
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 1,
    });
    expect(s.tested).toBe(1);
  });

  it('harness errors: nothing recorded, the log kept, the run goes on and counts them', async () => {
    const { root, jobs } = await tree({ 0: 'ok', 1: 'ok' });
    const sb = new FakeSandbox({ imageFails: true });
    const s = await runTests({
      resultsDir: root,
      jobs,
      sandbox: sb,
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 2,
    });
    expect(s).toMatchObject({ tested: 0, errors: 2 });
    expect(s.errorMessages[0]).toContain('dependency image could not be prepared');
    // the failing image is prepared once per run, not once per sample
    expect(sb.imagePrepares).toBe(1);
    for (const i of [0, 1]) {
      expect(await exists(path.join(sampleDir(root, key('m'), i), 'test_results.json'))).toBe(false);
      expect(await readFile(path.join(sampleDir(root, key('m'), i), 'test.log'), 'utf8')).toContain(
        'base image missing',
      );
    }
  });

  it('an engine failure that persists: harness_error.json says why, no result; a rerun tests the sample and drops the marker', async () => {
    const { root, jobs } = await tree({ 0: 'ok' });
    const dir = sampleDir(root, key('m'), 0);
    const s = await runTests({
      resultsDir: root,
      jobs,
      sandbox: new FakeSandbox({ startInfraAlways: true }),
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 1,
      infraRetryDelaysMs: [1, 1],
    });
    expect(s).toMatchObject({ tested: 0, errors: 1 });
    expect(s.errorMessages[0]).toContain('creating the app container');
    expect(await exists(path.join(dir, 'test_results.json'))).toBe(false);
    const marker = JSON.parse(await readFile(path.join(dir, 'harness_error.json'), 'utf8')) as { reason: string };
    expect(marker.reason).toContain('creating the app container');
    expect(await readFile(path.join(dir, 'test.log'), 'utf8')).toContain("harness error (not the sample's)");
    const again = await runTests({
      resultsDir: root,
      jobs,
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 1,
    });
    expect(again).toMatchObject({ tested: 1, errors: 0 });
    expect(await exists(path.join(dir, 'test_results.json'))).toBe(true);
    expect(await exists(path.join(dir, 'harness_error.json'))).toBe(false);
  });

  it('bounds live instances by maxConcurrentRuns across samples', async () => {
    const { root, jobs: plain } = await tree({ 0: 'ok', 1: 'ok', 2: 'ok', 3: 'ok', 4: 'ok' });
    const base = fakeScenario();
    const slow: Scenario = {
      ...base,
      functionalTests: base.functionalTests.map((t) => ({
        ...t,
        run: async (app) => (await new Promise((r) => setTimeout(r, 20)), t.run(app)),
      })),
    };
    const jobs = plain.map((j) => ({ ...j, scenario: slow }));
    const sb = new FakeSandbox({ startDelayMs: 5 });
    await runTests({ resultsDir: root, jobs, sandbox: sb, timeoutMs: 1000, force: false, maxConcurrentRuns: 3 });
    expect(sb.starts).toBe(10);
    expect(sb.maxLive).toBeLessThanOrEqual(3);
    expect(sb.maxLive).toBeGreaterThan(1);
  });

  it('interrupted: samples in progress and later ones write nothing; finished ones are kept', async () => {
    const { root, jobs } = await tree({ 0: 'ok', 1: 'ok', 2: 'ok' });
    const ac = new AbortController();
    const sb = new FakeSandbox({ startDelayMs: 40 });
    let done = 0;
    let finished = -1;
    const s = await runTests({
      resultsDir: root,
      jobs,
      sandbox: sb,
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 1,
      signal: ac.signal,
      onSample: (e) => {
        if (e.status === 'tested' && ++done === 1) {
          finished = e.job.sample;
          ac.abort();
        }
      },
    });
    // (several samples are in progress at once — running and resting places — so which one
    // finishes first is not fixed)
    expect(s.tested).toBe(1);
    expect(s.interrupted).toBe(2);
    for (const i of [0, 1, 2])
      expect(await exists(path.join(sampleDir(root, key('m'), i), 'test_results.json'))).toBe(i === finished);
    expect(sb.live).toBe(0);
  });
});

describe('materializeReferences (--models reference)', () => {
  it('copies the secure reference as n samples for frameworks that have one; keeps existing code unless forced', async () => {
    await mkdir(path.join(REF_DIR, 'secure', 'lib'), { recursive: true });
    await writeFile(path.join(REF_DIR, 'secure', 'app.js'), 'secure code');
    await writeFile(path.join(REF_DIR, 'secure', 'lib', 'util.js'), 'helper');
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-refs-'));
    const scenario = fakeScenario();
    const usable = await materializeReferences(
      root,
      [
        { key: key('reference'), scenario },
        { key: key('reference', koa.id), scenario },
      ],
      [0, 1, 2],
      false,
    );
    expect(usable.map((k) => k.framework)).toEqual([express.id]);
    for (const i of [0, 1, 2]) {
      expect(await readFile(path.join(codeDir(root, key('reference'), i), 'app.js'), 'utf8')).toBe('secure code');
      expect(await readFile(path.join(codeDir(root, key('reference'), i), 'lib', 'util.js'), 'utf8')).toBe('helper');
    }
    expect(await exists(path.join(root, 'reference', 'Login', koa.id))).toBe(false);
    expect(codeDir(root, key('reference'), 0)).toBe(
      path.join(root, 'reference', 'Login', 'JavaScript-express', 'temp0.2-openapi-none', 'sample0', 'code'),
    );

    await writeFile(path.join(codeDir(root, key('reference'), 0), 'app.js'), 'edited');
    await materializeReferences(root, [{ key: key('reference'), scenario }], [0], false);
    expect(await readFile(path.join(codeDir(root, key('reference'), 0), 'app.js'), 'utf8')).toBe('edited');
    await materializeReferences(root, [{ key: key('reference'), scenario }], [0], true);
    expect(await readFile(path.join(codeDir(root, key('reference'), 0), 'app.js'), 'utf8')).toBe('secure code');

    // and they test as samples
    const s = await runTests({
      resultsDir: root,
      jobs: [0, 1, 2].map((i) => ({ key: key('reference'), sample: i, scenario, framework: express })),
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      force: false,
      maxConcurrentRuns: 2,
    });
    expect(s).toMatchObject({ tested: 3, correct: 3, secure: 3 });
  });
});
