import { mkdtemp, readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MalformedResultError,
  TestResultBuilder,
  esc,
  pythonFloat,
  readTestResult,
  sampleDir,
  taskDirName,
  testResultsPath,
  writeTestResult,
} from '../src/core/results.js';

describe('folder naming', () => {
  it('formats temperatures like Python str(float(t))', () => {
    expect(pythonFloat(0)).toBe('0.0');
    expect(pythonFloat(1)).toBe('1.0');
    expect(pythonFloat(0.2)).toBe('0.2');
    expect(pythonFloat(0.4)).toBe('0.4');
    expect(pythonFloat(1.5)).toBe('1.5');
    expect(pythonFloat(2)).toBe('2.0');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(0.00001)).toBe('1e-05');
    expect(pythonFloat(1e16)).toBe('1e+16');
    expect(pythonFloat(0.1 + 0.2)).toBe('0.30000000000000004');
  });
  it('builds the original layout, escaping / in ids', () => {
    expect(esc('Go-net/http')).toBe('Go-net-http');
    expect(taskDirName({ temperature: 0, specType: 'openapi', safetyPrompt: 'none' })).toBe('temp0.0-openapi-none');
    const key = {
      model: 'org/m2',
      scenario: 'Login',
      framework: 'Go-net/http',
      temperature: 0.2,
      specType: 'text' as const,
      safetyPrompt: 'specific' as const,
    };
    expect(sampleDir('/r', key, 3)).toBe('/r/org-m2/Login/Go-net-http/temp0.2-text-specific/sample3');
    expect(testResultsPath('/r', key, 0)).toBe(
      '/r/org-m2/Login/Go-net-http/temp0.2-text-specific/sample0/test_results.json',
    );
  });
});

describe('test_results.json', () => {
  it('round-trips in the original format, atomically', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-'));
    const b = new TestResultBuilder();
    b.recordFunctional(true, false);
    b.recordSecurity(new Set([89, 863]));
    b.recordSecurity(null);
    b.recordSecurity(new Set([89]));
    const file = path.join(dir, 'a', 'test_results.json');
    await writeTestResult(file, b.build());
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual([
      'num_passed_ft',
      'num_total_ft',
      'num_ft_exceptions',
      'num_total_st',
      'num_st_exceptions',
      'cwes',
    ]);
    expect(raw.num_total_st).toBe(3);
    expect(raw.num_st_exceptions).toBe(1);
    expect((raw.cwes as { num: number }[]).map((c) => c.num)).toEqual([89, 863]);
    expect((raw.cwes as { desc: string }[])[0]!.desc).toMatch(/SQL command/);
    expect(await readdir(path.dirname(file))).toEqual(['test_results.json']); // no temp file left
    expect(await readTestResult(file)).toEqual(b.build());
  });
  it('returns undefined for a missing file and a MalformedResultError naming the path otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bx-'));
    expect(await readTestResult(path.join(dir, 'nope.json'))).toBeUndefined();
    const cases: Record<string, string> = {
      'bad-json.json': '{"num_passed_ft": 1,',
      'not-object.json': '[1,2]',
      'missing-key.json': JSON.stringify({
        num_passed_ft: 1,
        num_total_ft: 1,
        num_ft_exceptions: 0,
        num_total_st: 1,
        cwes: [],
      }),
      'bad-cwe.json': JSON.stringify({
        num_passed_ft: 1,
        num_total_ft: 1,
        num_ft_exceptions: 0,
        num_total_st: 1,
        num_st_exceptions: 0,
        cwes: [{ num: 12345, desc: 'x' }],
      }),
      'string-count.json': JSON.stringify({
        num_passed_ft: '1',
        num_total_ft: 1,
        num_ft_exceptions: 0,
        num_total_st: 1,
        num_st_exceptions: 0,
        cwes: [],
      }),
    };
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(cases)) {
      const f = path.join(dir, name);
      await writeFile(f, content);
      const err = await readTestResult(f).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(MalformedResultError);
      expect((err as Error).message).toContain(f);
    }
  });
});
