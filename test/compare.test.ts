/** `baxbench compare`: the pure comparison, reading trees, and the command end to end. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import { cweRecord } from '../src/core/cwe.js';
import { type TestResult, writeFileAtomic, writeTestResult } from '../src/core/results.js';
import {
  compareResults,
  diffResults,
  readResultTree,
  type ResultTree,
  type SampleId,
  sampleKey,
} from '../src/pipeline/compare.js';
import { comparisonText } from '../src/report/compare.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

function result(passed: number, total: number, cwes: CweNum[] = [], more: Partial<TestResult> = {}): TestResult {
  return {
    num_passed_ft: passed,
    num_total_ft: total,
    num_ft_exceptions: 0,
    num_total_st: 3,
    num_st_exceptions: 0,
    cwes: cwes.map(cweRecord),
    ...more,
  };
}

const id = (sample: number, scenario = 'Login', framework = 'JavaScript-express'): SampleId => ({
  model: 'm',
  scenario,
  framework,
  setting: 'temp0.2-openapi-none',
  sample,
});

function tree(entries: [SampleId, TestResult][]): ResultTree {
  return { results: new Map(entries.map(([i, r]) => [sampleKey(i), { id: i, result: r }])), warnings: [] };
}

describe('compareResults', () => {
  it('finds the fields that differ, the CWEs of one side only, and whether the verdict changes', () => {
    expect(diffResults(id(0), result(1, 1, [79]), result(1, 1, [79]))).toBeUndefined();
    const d = diffResults(id(0), result(1, 1, [79, 703]), result(0, 1, [22], { num_ft_exceptions: 1 }))!;
    expect(d.fields).toEqual(['num_passed_ft', 'num_ft_exceptions', 'cwes']);
    expect(d.cwesOnlyInA).toEqual([79, 703]);
    expect(d.cwesOnlyInB).toEqual([22]);
    expect(d.verdictDiffers).toBe(true);
    // same verdict (correct, insecure), other CWE
    expect(diffResults(id(0), result(1, 1, [79]), result(1, 1, [89]))!.verdictDiffers).toBe(false);
    // an inconclusive security test more: counts differ, verdict does not
    const inc = diffResults(id(0), result(1, 1), result(1, 1, [], { num_st_exceptions: 1 }))!;
    expect(inc.fields).toEqual(['num_st_exceptions']);
    expect(inc.verdictDiffers).toBe(false);
  });

  it('counts agreement over the samples both trees have, and lists the rest per side', () => {
    const a = tree([
      [id(0), result(1, 1)],
      [id(1), result(1, 1, [703])],
      [id(2), result(0, 1)],
      [id(3), result(1, 1)],
      [id(0, 'Forum'), result(1, 1)],
    ]);
    const b = tree([
      [id(0), result(1, 1)],
      [id(1), result(1, 1)],
      [id(2), result(0, 1)],
      [id(4), result(1, 1)],
      [id(0, 'Forum'), result(1, 1, [79])],
    ]);
    const c = compareResults(a, b);
    expect(c.compared).toBe(4);
    expect(c.agree).toBe(2);
    expect(c.agreement).toBe(0.5);
    expect(c.verdictAgree).toBe(2);
    expect(c.differing.map((d) => sampleKey(d.id))).toEqual([
      'm/Forum/JavaScript-express/temp0.2-openapi-none/sample0',
      'm/Login/JavaScript-express/temp0.2-openapi-none/sample1',
    ]);
    expect(c.onlyInA.map((i) => i.sample)).toEqual([3]);
    expect(c.onlyInB.map((i) => i.sample)).toEqual([4]);
    const text = comparisonText(c, { a: '/a', b: '/b' });
    expect(text).toContain('4 sample(s) with results in both: 2 agree (50.0 %)');
    expect(text).toContain('A: functional 1/1 (0 exceptions), security 3 (0 inconclusive), CWEs 703');
    expect(text).toContain('differs in: CWEs (CWEs only in A: 703; only in B: none)');
    expect(text).toMatch(/only in A \(1\):\n {2}m\/Login\/JavaScript-express\/temp0\.2-openapi-none\/sample3/);
  });

  it('has no agreement rate when nothing is in both trees', () => {
    const c = compareResults(tree([[id(0), result(1, 1)]]), tree([]));
    expect(c.agreement).toBeNull();
    expect(comparisonText(c, { a: 'a', b: 'b' })).toContain('0 sample(s) with results in both: 0 agree (n/a)');
  });
});

describe('reading trees and the compare command', () => {
  let root: string;
  let a: string;
  let b: string;
  const task = (dir: string, scenario: string, fw = 'JavaScript-express', setting = 'temp0.2-openapi-none') =>
    path.join(dir, 'model-x', scenario, fw, setting);

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'baxbench-compare-'));
    a = path.join(root, 'a');
    b = path.join(root, 'b');
    for (const dir of [a, b]) {
      await writeTestResult(path.join(task(dir, 'Login'), 'sample0', 'test_results.json'), result(1, 1));
      await writeTestResult(path.join(task(dir, 'Login', 'Go-net-http'), 'sample0', 'test_results.json'), result(1, 1));
      await writeTestResult(
        path.join(task(dir, 'Login', 'JavaScript-express', 'temp0.0-openapi-none'), 'sample0', 'test_results.json'),
        result(1, 1),
      );
    }
    await writeTestResult(path.join(task(a, 'Forum'), 'sample1', 'test_results.json'), result(1, 1, [79]));
    await writeTestResult(path.join(task(b, 'Forum'), 'sample1', 'test_results.json'), result(0, 1));
    await writeTestResult(path.join(task(a, 'Forum'), 'sample2', 'test_results.json'), result(1, 1));
    await writeFileAtomic(path.join(task(b, 'Forum'), 'sample2', 'test_results.json'), '{not json');
    await writeFileAtomic(path.join(task(b, 'Forum'), 'sample3', 'code', 'app.js'), '// no results yet');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads every result on disk, leaves out malformed files with a warning, and narrows by selection', async () => {
    const all = await readResultTree(b);
    expect([...all.results.keys()].sort()).toEqual([
      'model-x/Forum/JavaScript-express/temp0.2-openapi-none/sample1',
      'model-x/Login/Go-net-http/temp0.2-openapi-none/sample0',
      'model-x/Login/JavaScript-express/temp0.0-openapi-none/sample0',
      'model-x/Login/JavaScript-express/temp0.2-openapi-none/sample0',
    ]);
    expect(all.warnings).toHaveLength(1);
    expect(all.warnings[0]).toContain(path.join('Forum', 'JavaScript-express', 'temp0.2-openapi-none', 'sample2'));
    const some = await readResultTree(b, { frameworks: ['Go-net-http'], settings: ['temp0.2-openapi-none'] });
    expect([...some.results.keys()]).toEqual(['model-x/Login/Go-net-http/temp0.2-openapi-none/sample0']);
    expect((await readResultTree(a, { samples: [2] })).results.size).toBe(1);
  });

  it('compare prints the differing samples and exits 1; identical trees exit 0', async () => {
    const run = (args: string[]) =>
      pexec('node', [BIN, 'compare', ...args]).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const diff = await run(['--a', a, '--b', b, '--json']);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('warning: left out');
    const json = JSON.parse(diff.stdout) as {
      compared: number;
      agree: number;
      differing: { path: string; fields: string[]; a: TestResult; b: TestResult }[];
      only_in_a: { path: string }[];
      only_in_b: unknown[];
    };
    expect(json.compared).toBe(4);
    expect(json.agree).toBe(3);
    expect(json.differing.map((d) => [d.path, d.fields])).toEqual([
      ['model-x/Forum/JavaScript-express/temp0.2-openapi-none/sample1', ['num_passed_ft', 'cwes']],
    ]);
    expect(json.only_in_a.map((x) => x.path)).toEqual([
      'model-x/Forum/JavaScript-express/temp0.2-openapi-none/sample2',
    ]);
    expect(json.only_in_b).toEqual([]);

    const text = await run(['--a', a, '--b', b, '--scenarios', 'Forum', '--only-samples', '1']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('1 sample(s) with results in both: 0 agree (0.0 %)');
    expect(text.stdout).toContain('[verdict differs]');

    const same = await run(['--a', a, '--b', b, '--scenarios', 'Login', '--temperature', '0']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('1 sample(s) with results in both: 1 agree (100.0 %)');

    const missing = await run(['--a', path.join(root, 'nope'), '--b', b]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('--a: results folder');
  });
});
