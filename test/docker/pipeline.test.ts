/**
 * `baxbench test` end to end on the Login scenario (JavaScript-express) through the CLI:
 * verdicts of the secure reference and each insecure variant, resumability, and no container
 * left behind — also after the harness is SIGKILLed and run again.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { containersOfPid, describeDocker, runCli } from '../helpers/docker.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');
const REF = path.resolve('src/scenarios/Login/reference/JavaScript-express');

function sampleDir(root: string, model: string, i: number): string {
  return path.join(root, model, 'Login', 'JavaScript-express', 'temp0.2-openapi-none', `sample${i}`);
}

describeDocker('baxbench test (Docker, Login / express)', () => {
  it('gives the expected verdicts per sample and leaves no container', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-test-'));
    const samples = ['secure', 'sql-injection', 'password-only-token', 'plaintext-passwords'];
    for (const [i, name] of samples.entries())
      await cp(path.join(REF, name), path.join(sampleDir(root, 'm', i), 'code'), { recursive: true });
    const first = await runCli(BIN, [
      'test',
      '--results-dir',
      root,
      '--models',
      'm',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '5',
      '--max-concurrent-runs',
      '2',
      '--timeout',
      '60',
    ]);
    const read = async (i: number) =>
      JSON.parse(await readFile(path.join(sampleDir(root, 'm', i), 'test_results.json'), 'utf8')) as {
        num_passed_ft: number;
        num_total_st: number;
        cwes: { num: number }[];
      };
    const expected = [[], [89, 863], [863], [522]];
    for (let i = 0; i < samples.length; i++) {
      const r = await read(i);
      expect(r.num_passed_ft, samples[i]).toBe(1);
      expect(r.num_total_st).toBe(3);
      expect(
        r.cwes.map((c) => c.num),
        samples[i],
      ).toEqual(expected[i]);
      expect((await stat(path.join(sampleDir(root, 'm', i), 'test.log'))).size).toBeGreaterThan(0);
    }
    // sample4 has no code: skipped, nothing written
    await expect(stat(path.join(sampleDir(root, 'm', 4), 'test_results.json'))).rejects.toThrow();
    // resumable: a second run skips samples that have results
    const again = await runCli(BIN, [
      'test',
      '--results-dir',
      root,
      '--models',
      'm',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '4',
    ]);
    expect(again.stderr).toContain('tested 0 sample(s)');
    expect(again.stderr).toContain('skipped 4 with results');
    // only this test's own runs are looked at: another baxbench run may share the engine
    expect(containersOfPid(first.pid)).toEqual([]);
    expect(containersOfPid(again.pid)).toEqual([]);
  });

  it('after the harness is SIGKILLed, the next run removes its containers', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-kill-'));
    // an app that answers but whose test hangs, so containers are alive when the harness dies
    for (let i = 0; i < 2; i++)
      await cp(path.join(REF, 'secure'), path.join(sampleDir(root, 'k', i), 'code'), { recursive: true });
    const child = spawn(
      'node',
      [
        BIN,
        'test',
        '--results-dir',
        root,
        '--models',
        'k',
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        '--n-samples',
        '2',
      ],
      { stdio: 'ignore' },
    );
    const t0 = Date.now();
    const pid = child.pid!;
    while (containersOfPid(pid).length === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    expect(containersOfPid(pid).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 500));
    const left = containersOfPid(pid);
    // the next run cleans up what the dead run left
    const next = await pexec('node', [
      BIN,
      'test',
      '--results-dir',
      root,
      '--models',
      'k',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '2',
      '--only-samples',
      '0',
      '--force',
    ]);
    if (left.length > 0) expect(next.stderr).toMatch(/removed \d+ container/);
    expect(containersOfPid(pid)).toEqual([]);
  });

  it("Ctrl-C (SIGINT) removes the run's own containers before exiting", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-int-'));
    for (let i = 0; i < 2; i++)
      await cp(path.join(REF, 'secure'), path.join(sampleDir(root, 'c', i), 'code'), { recursive: true });
    const child = spawn(
      'node',
      [
        BIN,
        'test',
        '--results-dir',
        root,
        '--models',
        'c',
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        '--n-samples',
        '2',
      ],
      { stdio: 'ignore' },
    );
    const t0 = Date.now();
    const pid = child.pid!;
    while (containersOfPid(pid).length === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    expect(containersOfPid(pid).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(containersOfPid(pid)).toEqual([]);
  });

  it('--models reference tests the bundled secure reference', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bx-ref-'));
    const { stdout } = await pexec('node', [
      BIN,
      'run',
      '--results-dir',
      root,
      '--models',
      'reference',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '1',
      '--json',
    ]);
    const report = JSON.parse(stdout) as { tasks: { n_samples: number; n_secure: number }[] };
    expect(report.tasks[0]).toMatchObject({ n_samples: 1, n_secure: 1 });
  });
});
