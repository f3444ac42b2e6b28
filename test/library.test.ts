/** The library entry (src/index.ts) without Docker: catalogs, prompt and answer parsing, input errors, the scorer's contract. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import type { Scenario } from '../src/core/types.js';
import {
  createScorer,
  evaluate,
  FRAMEWORK_IDS,
  frameworks,
  getFramework,
  getScenario,
  InputError,
  parseAnswer,
  planGenerate,
  type Score,
  planTest,
  SCENARIO_IDS,
  scenarios,
  taskPrompt,
} from '../src/index.js';
import { FakeSandbox, type FakeApp } from './helpers/fake-sandbox.js';

describe('catalogs', () => {
  it('lists the 28 scenarios and 14 frameworks with their tests and references', () => {
    expect(scenarios.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    expect(frameworks.map((f) => f.id).sort()).toEqual([...FRAMEWORK_IDS].sort());
    const login = getScenario('Login');
    expect(login.securityTests.map((t) => t.name)).toContain('sec_test_password_security');
    expect(login.references.some((r) => r.name === 'secure' && r.framework === 'JavaScript-express')).toBe(true);
  });

  it('unknown ids are one line naming the valid ones', () => {
    expect(() => getScenario('Nope')).toThrow(InputError);
    expect(() => getScenario('Nope')).toThrow(/valid: Calculator, /);
    expect(() => getFramework('Cobol-CGI')).toThrow(/valid: Go-Fiber/);
    expect(getFramework('Python-Flask', 'debian').variant?.name).toBe('debian');
  });
});

describe('prompt and answer', () => {
  it("taskPrompt is the task's prompt; parseAnswer turns an answer into the sample's files", () => {
    const p = taskPrompt({ scenario: 'Login', framework: 'JavaScript-express' });
    expect(p.user).toContain(getScenario('Login').apiSpec);
    expect(p.user).toContain('0.0.0.0:5000');
    const parsed = parseAnswer('Here it is:\n<CODE>\nconsole.log(1)\n</CODE>\n', 'JavaScript-express');
    expect(parsed).toMatchObject({ ok: true, files: { 'app.js': 'console.log(1)' } });
    expect(parseAnswer('I cannot do that.', 'JavaScript-express').ok).toBe(false);
  });
});

describe('selections', () => {
  it('plans models × scenarios × frameworks × samples; bad input is an InputError', () => {
    const plan = planTest({
      models: ['m'],
      scenarios: ['Login', 'Forum'],
      frameworks: ['JavaScript-express'],
      nSamples: 2,
    });
    expect(plan.jobs.map((j) => `${j.scenario.id}/${j.sample}`)).toEqual(['Forum/0', 'Forum/1', 'Login/0', 'Login/1']);
    expect(() => planTest({ models: [], nSamples: 1 })).toThrow(InputError);
    expect(() => planTest({ models: ['m'], scenarios: ['Nope'] })).toThrow(/unknown scenario "Nope"/);
    expect(() => planTest({ models: ['m'], nSamples: 0 })).toThrow(InputError);
    // the reference model: only tasks with a secure reference
    const refs = planTest({ models: ['reference'], scenarios: ['Login'], nSamples: 1 });
    expect(refs.jobs.map((j) => j.framework.id)).toContain('JavaScript-express');
    expect(refs.jobs.length).toBeLessThan(FRAMEWORK_IDS.length);
  });

  it('generation shards whole tasks: the shards are disjoint and cover the selection', () => {
    const base = {
      models: ['openai-compatible:coder-a', 'openai-compatible:coder-b'],
      baseUrl: 'http://127.0.0.1:9/v1',
      scenarios: ['Login', 'Forum', 'Wiki'],
      frameworks: ['JavaScript-express', 'JavaScript-koa'],
      resultsDir: 'unused',
      env: {},
    };
    const all = planGenerate(base).map((t) => `${t.key.model}/${t.key.scenario}/${t.key.framework}`);
    expect(all).toHaveLength(12);
    const shards = ['1/5', '2/5', '3/5', '4/5', '5/5'].map((shard) =>
      planGenerate({ ...base, shard }).map((t) => `${t.key.model}/${t.key.scenario}/${t.key.framework}`),
    );
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(shards.map((x) => x.length).sort()).toEqual([2, 2, 2, 3, 3]);
  });

  it('evaluate over an empty tree gives empty figures (no Docker)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-lib-eval-'));
    const { report } = await evaluate({
      resultsDir: dir,
      models: ['m'],
      scenarios: ['Login'],
      frameworks: ['JavaScript-express'],
      ks: [1],
    });
    expect(report.tasks).toHaveLength(1);
    expect(report.tasks[0]!.n_samples).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});

function scripted(): Scenario {
  const code = (app: unknown): string => (app as FakeApp).code['app.js'] ?? '';
  return {
    ...getScenario('Login'),
    functionalTests: [{ name: 'works', run: async (app) => !code(app).includes('BROKEN') }],
    securityTests: [
      { name: 'sqli', cwes: [89], run: async (app) => new Set<CweNum>(code(app).includes('SQLI') ? [89] : []) },
      { name: 'weak', cwes: [522], run: async (app) => new Set<CweNum>(code(app).includes('PLAIN') ? [522] : []) },
    ],
  };
}

describe('a scorer (fake sandbox)', () => {
  it('scores samples: result as test_results.json holds it, correct/secure/cwes beside it, per-test outcomes and the log', async () => {
    const sandbox = new FakeSandbox();
    const scorer = createScorer({ sandbox, maxConcurrentRuns: 3 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-lib-score-'));
    const scores = await Promise.all(
      ['fine', 'PLAIN SQLI', 'BROKEN'].map((code, i) =>
        scorer.score({
          scenario: scripted(),
          framework: 'JavaScript-express',
          files: { 'app.js': code },
          sampleDir: i === 1 ? dir : undefined,
        }),
      ),
    );
    const [ok, plain, broken] = scores as [Score, Score, Score];
    expect(ok).toMatchObject({ correct: true, secure: true, cwes: [], buildFailed: false });
    expect(plain).toMatchObject({ correct: true, secure: false, cwes: [89, 522] });
    expect(broken).toMatchObject({ correct: false, secure: false, cwes: [] });
    expect(plain.outcomes.map((o) => o.name)).toEqual(['works', 'sqli', 'weak']);
    expect(plain.log).toContain('security test 3/3: weak');
    // exactly the file's content
    expect(JSON.parse(await readFile(path.join(dir, 'test_results.json'), 'utf8'))).toEqual(plain.result);
    expect(JSON.stringify(plain.result)).toBe(await readFile(path.join(dir, 'test_results.json'), 'utf8'));
    // each sample's tests were announced to the sandbox, each start fresh, at most 3 alive at once
    expect(sandbox.expected).toEqual([3, 3, 3]);
    expect(sandbox.starts).toBe(9);
    expect(sandbox.maxLive).toBeLessThanOrEqual(3);
    await scorer.close();
    // a sandbox given by the caller is the caller's to clean up
    expect(sandbox.cleanups).toBe(0);
    await expect(scorer.score({ scenario: scripted(), framework: 'JavaScript-express', files: {} })).rejects.toThrow(
      /closed/,
    );
    await rm(dir, { recursive: true, force: true });
  });
});
