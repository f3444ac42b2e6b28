/**
 * Sharded runs: the split (pipeline/shard.ts), where the shard comes from (flags, Kubernetes,
 * Slurm), and that n shards over one shared results tree give the same figures as one process.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import { codeDir } from '../src/core/results.js';
import type { Scenario } from '../src/core/types.js';
import { evaluate, planTest, test as runTestPhase, type SampleJob } from '../src/index.js';
import { parseShard, resolveShard, sampleKey, selectShard, ShardError } from '../src/pipeline/shard.js';
import { testPlan } from '../src/cli/commands/test.js';
import { CliError } from '../src/cli/errors.js';
import { FakeSandbox, type FakeApp } from './helpers/fake-sandbox.js';

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

describe('the split', () => {
  const items = Array.from({ length: 103 }, (_, i) => `item-${String(i).padStart(3, '0')}`);

  it('n shards are disjoint, cover the selection, and differ in size by at most one', () => {
    for (const n of [1, 2, 3, 7, 103, 150]) {
      const shards = Array.from({ length: n }, (_, i) => selectShard(items, { index: i + 1, total: n }, (x) => x));
      const all = shards.flat();
      expect(all).toHaveLength(items.length);
      expect(new Set(all).size).toBe(items.length);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('depends only on the keys: the same shard whatever order the selection came in', () => {
    const shuffled = [...items].sort(() => Math.random() - 0.5);
    for (const index of [1, 2, 3])
      expect(selectShard(shuffled, { index, total: 3 }, (x) => x)).toEqual(
        selectShard(items, { index, total: 3 }, (x) => x),
      );
  });

  it('no shard: everything, in the given order', () => {
    expect(selectShard(['b', 'a'], undefined, (x) => x)).toEqual(['b', 'a']);
  });
});

describe('which shard this process is', () => {
  it('--shard i/n, 1-based as Playwright', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, total: 5 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/2']) expect(() => parseShard(bad), bad).toThrow(ShardError);
  });

  it('a Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) with the total from --shard-total or BAXBENCH_SHARD_TOTAL', () => {
    expect(resolveShard({ total: 3 }, { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, total: 3 });
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: '2', BAXBENCH_SHARD_TOTAL: '3' })).toEqual({ index: 3, total: 3 });
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '3', BAXBENCH_SHARD_TOTAL: '3' })).toThrow(/between 1 and 3/);
    // an index without a total shards nothing (the caller says so)
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: '1' })).toBeUndefined();
  });

  it('a Slurm array: SLURM_ARRAY_TASK_ID relative to SLURM_ARRAY_TASK_MIN, total from SLURM_ARRAY_TASK_COUNT', () => {
    const env = { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '4' };
    expect(resolveShard({}, env)).toEqual({ index: 2, total: 4 });
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: '0', BAXBENCH_SHARD_TOTAL: '2' })).toEqual({ index: 1, total: 2 });
  });

  it('--shard wins over the environment; a total with no index anywhere is an error', () => {
    expect(resolveShard({ spec: '1/2' }, { JOB_COMPLETION_INDEX: '1', BAXBENCH_SHARD_TOTAL: '9' })).toEqual({
      index: 1,
      total: 2,
    });
    expect(() => resolveShard({ total: 4 }, {})).toThrow(/index is unknown/);
    expect(() => resolveShard({}, { BAXBENCH_SHARD_TOTAL: 'x' })).toThrow(/not a non-negative integer/);
  });

  it('the CLI: a bad --shard is one error line', () => {
    const flags = {
      models: ['m'],
      scenarios: ['Login'],
      envs: ['JavaScript-express'],
      nSamples: 3,
      temperature: 0.2,
      specType: 'openapi' as const,
      safetyPrompt: 'none' as const,
      resultsDir: 'r',
      timeout: 10,
    };
    expect(() => testPlan({ ...flags, shard: '4/3' })).toThrow(CliError);
    expect(testPlan({ ...flags, shard: '2/3' }).jobs.map((j) => j.sample)).toEqual([1]);
  });
});

/** A fake scenario with the real one's id: its verdicts depend only on the sample's code. */
function scripted(id: string): Scenario {
  const code = (app: unknown): string => (app as FakeApp).code['app.js'] ?? '';
  return {
    id,
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [{ name: 'works', run: async (app) => !code(app).includes('BROKEN') }],
    securityTests: [
      { name: 'sqli', cwes: [89], run: async (app) => new Set<CweNum>(code(app).includes('SQLI') ? [89] : []) },
      { name: 'xss', cwes: [79], run: async (app) => (code(app).includes('FLAKY') ? null : new Set<CweNum>()) },
    ],
    references: [],
  };
}

describe('n shards over a shared results tree = one process', () => {
  const selection = {
    models: ['model-a', 'model-b'],
    scenarios: ['Calculator', 'Forum', 'Login', 'Wiki'],
    frameworks: ['JavaScript-express', 'Go-Gin'],
    nSamples: 5,
  };
  const kinds = ['ok', 'BROKEN', 'SQLI', 'FLAKY SQLI', 'ok'];

  async function tree(): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-shard-'));
    roots.push(root);
    for (const job of planTest(selection).jobs) {
      const dir = codeDir(root, job.key, job.sample);
      await mkdir(dir, { recursive: true });
      const h = [...sampleKey(job.key, job.sample)].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 1009, 7);
      await writeFile(path.join(dir, 'app.js'), `// ${kinds[h % kinds.length]}\n`);
    }
    return root;
  }

  const fake = (jobs: readonly SampleJob[]): SampleJob[] =>
    jobs.map((j) => ({ ...j, scenario: scripted(j.scenario.id) }));

  it('3 shards on the same tree give the figures of a single run', async () => {
    const [single, sharded] = [await tree(), await tree()];
    const one = await runTestPhase({
      ...selection,
      resultsDir: single,
      jobs: fake(planTest(selection).jobs),
      sandbox: new FakeSandbox(),
      maxConcurrentRuns: 4,
    });
    expect(one.tested).toBe(80);

    // three processes at once on the shared tree (here: three concurrent runs, each its own sandbox)
    const seen: string[] = [];
    await Promise.all(
      ['1/3', '2/3', '3/3'].map(async (shard) => {
        const jobs = planTest({ ...selection, shard }).jobs;
        seen.push(...jobs.map((j) => sampleKey(j.key, j.sample)));
        const s = await runTestPhase({
          ...selection,
          resultsDir: sharded,
          jobs: fake(jobs),
          sandbox: new FakeSandbox(),
          maxConcurrentRuns: 4,
        });
        expect(s.tested).toBe(jobs.length);
        expect(s.errors).toBe(0);
      }),
    );
    // every sample tested exactly once over the three shards
    expect(seen).toHaveLength(80);
    expect(new Set(seen).size).toBe(80);

    const figures = async (root: string) => (await evaluate({ ...selection, resultsDir: root, ks: [1, 3, 5] })).report;
    const a = await figures(single);
    const b = await figures(sharded);
    expect(b).toEqual(a);
    // the figures are not trivial: some samples are correct, some exploited, some not correct
    expect(a.tasks.some((t) => t.n_correct > 0 && t.n_secure < t.n_correct)).toBe(true);
    expect(a.tasks.some((t) => t.n_correct < t.n_samples)).toBe(true);
    expect(a.tasks).toHaveLength(16);
  });

  it('sharding by task keeps each task whole (what `run` uses)', () => {
    const shards = ['1/3', '2/3', '3/3'].map((shard) => planTest({ ...selection, shard, shardBy: 'task' }).jobs);
    expect(shards.flat()).toHaveLength(80);
    const owner = new Map<string, number>();
    shards.forEach((jobs, i) => {
      for (const j of jobs) {
        const t = sampleKey(j.key);
        expect(owner.get(t) ?? i).toBe(i);
        owner.set(t, i);
      }
    });
    expect(owner.size).toBe(16);
  });
});
