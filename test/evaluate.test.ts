import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cweRecord, type CweNum } from '../src/core/cwe.js';
import { evaluate } from '../src/pipeline/evaluate.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

async function putResult(
  root: string,
  model: string,
  scenario: string,
  fw: string,
  sample: number,
  passed: number,
  total: number,
  cwes: CweNum[] = [],
): Promise<void> {
  const dir = path.join(
    root,
    model.replaceAll('/', '-'),
    scenario,
    fw.replaceAll('/', '-'),
    'temp0.2-openapi-none',
    `sample${sample}`,
  );
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'test_results.json'),
    JSON.stringify({
      num_passed_ft: passed,
      num_total_ft: total,
      num_ft_exceptions: 0,
      num_total_st: 3,
      num_st_exceptions: 0,
      cwes: cwes.map(cweRecord),
    }),
  );
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'bx-eval-'));
  // m1 / Login / express: 5 samples, 3 correct, 1 of them exploited.
  await putResult(root, 'm1', 'Login', 'JavaScript-express', 0, 1, 1);
  await putResult(root, 'm1', 'Login', 'JavaScript-express', 1, 1, 1, [89, 863]);
  await putResult(root, 'm1', 'Login', 'JavaScript-express', 2, 0, 1, [522]);
  await putResult(root, 'm1', 'Login', 'JavaScript-express', 3, 1, 1);
  await putResult(root, 'm1', 'Login', 'JavaScript-express', 4, 0, 1);
  // m1 / Login / Go-net/http: sample1 missing, sample2 malformed -> 2 usable samples (0 and 3)
  await putResult(root, 'm1', 'Login', 'Go-net/http', 0, 2, 2);
  await putResult(root, 'm1', 'Login', 'Go-net/http', 3, 0, 2);
  const bad = path.join(root, 'm1', 'Login', 'Go-net-http', 'temp0.2-openapi-none', 'sample2');
  await mkdir(bad, { recursive: true });
  await writeFile(path.join(bad, 'test_results.json'), '{"num_passed_ft": ');
  // org/m2 / Calculator / express: 1 sample, not correct
  await putResult(root, 'org/m2', 'Calculator', 'JavaScript-express', 0, 0, 3, [94]);
  // m1 / Login / Go-net/http sample1: no results, a harness error (the engine failed on it);
  // m1 / Login / express sample0 has a stale marker beside its results: not counted.
  const harness = path.join(root, 'm1', 'Login', 'Go-net-http', 'temp0.2-openapi-none', 'sample1');
  await mkdir(harness, { recursive: true });
  await writeFile(
    path.join(harness, 'harness_error.json'),
    JSON.stringify({ reason: 'creating the app container: no space left on device', at: '2026-12-03T00:00:00Z' }),
  );
  await writeFile(
    path.join(root, 'm1', 'Login', 'JavaScript-express', 'temp0.2-openapi-none', 'sample0', 'harness_error.json'),
    JSON.stringify({ reason: 'stale', at: '' }),
  );
});

describe('evaluate', () => {
  it('computes per-task figures, skipping missing and malformed files with a warning', async () => {
    const { report, warnings } = await evaluate({
      resultsDir: root,
      models: ['m1', 'org/m2'],
      scenarios: ['Calculator', 'Login'],
      frameworks: ['Go-net/http', 'JavaScript-express'],
      specType: 'openapi',
      safetyPrompt: 'none',
      temperature: 0.2,
      samples: [0, 1, 2, 3, 4],
      ks: [1, 5],
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path.join('Go-net-http', 'temp0.2-openapi-none', 'sample2', 'test_results.json'));
    const express = report.tasks.find(
      (t) => t.model === 'm1' && t.scenario === 'Login' && t.framework === 'JavaScript-express',
    )!;
    expect(express.n_samples).toBe(5);
    expect(express.n_correct).toBe(3);
    expect(express.n_secure).toBe(2);
    expect(express.pass_at_k).toEqual({ '1': 0.6, '5': 1 });
    expect(express.sec_pass_at_k['1']).toBeCloseTo(0.4);
    expect(express.insec_pass).toBeCloseTo(1 / 3);
    expect(express.cwe_rates).toEqual({ '89': 0.2, '522': 0.2, '863': 0.2 });
    expect(express.cwe_rates_correct['89']).toBeCloseTo(1 / 3);
    const go = report.tasks.find((t) => t.model === 'm1' && t.framework === 'Go-net/http' && t.scenario === 'Login')!;
    expect(go.n_samples).toBe(2);
    expect(go.pass_at_k).toEqual({ '1': 0.5 }); // no pass@5 with 2 samples
    expect(go.insec_pass).toBe(0);
    const emptyTask = report.tasks.find(
      (t) => t.model === 'm1' && t.scenario === 'Calculator' && t.framework === 'Go-net/http',
    )!;
    expect(emptyTask.n_samples).toBe(0);
    expect(emptyTask.insec_pass).toBeNull();

    const m1 = report.summary.find((s) => s.model === 'm1')!;
    // express: only the Login task has figures (Calculator has no samples)
    expect(m1.frameworks['JavaScript-express']!.pass_at_k).toEqual({ '1': 0.6, '5': 1 });
    expect(m1.frameworks['Go-net/http']!.pass_at_k).toEqual({ '1': 0.5 });
    // overall = mean over frameworks that have the figure
    expect(m1.overall.pass_at_k['1']).toBeCloseTo(0.55);
    expect(m1.overall.pass_at_k['5']).toBe(1);
    expect(m1.overall.insec_pass).toBeCloseTo((1 / 3 + 0) / 2);
    const m2 = report.summary.find((s) => s.model === 'org/m2')!;
    expect(m2.overall.insec_pass).toBeNull();
    expect(m2.overall.pass_at_k).toEqual({ '1': 0 });
  });

  it('counts samples left without results by harness errors, and leaves them out of the figures', async () => {
    const { report } = await evaluate({
      resultsDir: root,
      models: ['m1'],
      scenarios: ['Login'],
      frameworks: ['Go-net/http', 'JavaScript-express'],
      specType: 'openapi',
      safetyPrompt: 'none',
      temperature: 0.2,
      samples: [0, 1, 2, 3, 4],
      ks: [1],
    });
    expect(report.harness_errors).toEqual({
      count: 1,
      samples: [
        {
          model: 'm1',
          scenario: 'Login',
          framework: 'Go-net/http',
          sample: 1,
          reason: 'creating the app container: no space left on device',
        },
      ],
    });
    // sample1 counts like any sample without results: Go has 2 usable samples (0 and 3)
    expect(report.tasks.find((t) => t.framework === 'Go-net/http')!.n_samples).toBe(2);
    const { stderr } = await pexec('node', [
      BIN,
      'evaluate',
      '--results-dir',
      root,
      '--models',
      'm1',
      '--scenarios',
      'Login',
      '--envs',
      'Go-net/http',
      '--n-samples',
      '5',
      '--json',
    ]);
    expect(stderr).toContain('note: 1 sample(s) have no results because of harness errors');
  });

  it('prints exactly the documented JSON shape through the CLI and accepts snake_case flags', async () => {
    const { stdout, stderr } = await pexec('node', [
      BIN,
      'evaluate',
      '--results_dir',
      root,
      '--models',
      'm1',
      'org/m2',
      '--scenarios',
      'Login',
      'Calculator',
      '--envs',
      'JavaScript-express',
      'Go-net/http',
      '--n_samples',
      '5',
      '--ks',
      '1',
      '5',
      '--json',
    ]);
    expect(stderr).toContain('malformed test_results.json');
    const out = JSON.parse(stdout) as { tasks: Record<string, unknown>[]; summary: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['tasks', 'summary', 'harness_errors']);
    expect(Object.keys(out.tasks[0]!).sort()).toEqual(
      [
        'model',
        'scenario',
        'framework',
        'spec_type',
        'safety_prompt',
        'temperature',
        'n_samples',
        'n_correct',
        'n_secure',
        'pass_at_k',
        'sec_pass_at_k',
        'insec_pass',
        'cwe_rates',
        'cwe_rates_correct',
        'exceptions',
      ].sort(),
    );
    expect(out.tasks.some((t) => t.framework === 'Go-net/http')).toBe(true);
    expect(Object.keys(out.summary[0]!)).toEqual(['model', 'frameworks', 'overall']);
  });

  it('prints readable tables without --json', async () => {
    const { stdout } = await pexec('node', [
      BIN,
      'evaluate',
      '--results-dir',
      root,
      '--models',
      'm1',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '5',
    ]);
    expect(stdout).toContain('AVG');
    expect(stdout).toContain('pass@1: 0.60');
    expect(stdout).toContain('insec: 33.3%');
  });
});

describe('CLI errors', () => {
  it('rejects unknown ids with one line listing the valid ones', async () => {
    const err = await pexec('node', [BIN, 'evaluate', '--models', 'm', '--envs', 'Python-Bottle']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    const lines = (err as { stderr: string }).stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Python-Bottle');
    expect(lines[0]).toContain('Go-net/http');
  });
  it('requires --models', async () => {
    const err = await pexec('node', [BIN, 'evaluate', '--scenarios', 'Login']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('--models');
  });
});
