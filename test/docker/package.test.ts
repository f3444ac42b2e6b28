/**
 * The package as others get it: `npm pack` (prepack builds dist/), the tarball installed into a
 * temporary project with `npm install` (dependencies from the registry), then used from a plain
 * Node ESM file (catalogs; under Docker, scoreSample on the Login secure reference and its
 * plaintext-passwords variant) and type-checked from a small TypeScript consumer with `tsc --noEmit`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersOfPid, describeDocker } from '../helpers/docker.js';

const pexec = promisify(execFile);
const ROOT = path.resolve('.');
let dir = '';

/** Runs `node file` in the consumer project; resolves with its pid and output (rejects on a non-zero exit). */
function node(file: string, timeoutMs: number): Promise<{ pid: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // it must end by itself once close() has run (no handle left open)
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(t);
      if (code === 0) resolve({ pid: child.pid ?? -1, stdout, stderr });
      else reject(new Error(`node ${file} ended with ${code ?? signal}:\n${stderr}`));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bx-consumer-'));
  const { stdout } = await pexec('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 1 << 24,
  });
  const tarball = stdout.trim().split('\n').at(-1)!;
  expect(tarball).toMatch(/^baxbench-.*\.tgz$/);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await pexec('npm', ['install', '--no-audit', '--no-fund', `./${tarball}`, 'typescript@5.9', '@types/node@20'], {
    cwd: dir,
    maxBuffer: 1 << 24,
  });
}, 600_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the installed package (npm pack → npm install)', () => {
  it('ships dist/ with types and its run-time files, not the TypeScript sources', async () => {
    const pkg = path.join(dir, 'node_modules/baxbench');
    const top = await readdir(pkg);
    expect(top).toContain('dist');
    expect(top).not.toContain('src');
    const login = await readdir(path.join(pkg, 'dist/scenarios/Login'));
    expect(login).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'openapi.yaml', 'spec.md', 'reference']));
  });

  it('imports from plain Node (ESM): the catalogs, and the bin answers', async () => {
    await writeFile(
      path.join(dir, 'catalog.mjs'),
      `import { scenarios, frameworks, getScenario, FRAMEWORK_IDS } from 'baxbench';
const login = getScenario('Login');
console.log(JSON.stringify({
  scenarios: scenarios.map((s) => s.id),
  frameworks: frameworks.map((f) => f.id),
  frameworkIds: FRAMEWORK_IDS.length,
  loginSecurity: login.securityTests.map((t) => [t.name, [...t.cwes]]),
  loginSpec: login.apiSpec.includes('/login'),
  references: login.references.filter((r) => r.framework === 'JavaScript-express').map((r) => r.name).sort(),
}));
`,
    );
    const out = JSON.parse((await node('catalog.mjs', 60_000)).stdout) as {
      scenarios: string[];
      frameworks: string[];
      frameworkIds: number;
      loginSecurity: [string, number[]][];
      loginSpec: boolean;
      references: string[];
    };
    expect(out.scenarios).toHaveLength(28);
    expect(out.scenarios).toContain('Login');
    expect(out.frameworks).toHaveLength(14);
    expect(out.frameworkIds).toBe(14);
    expect(out.loginSecurity).toContainEqual(['sec_test_password_security', [522]]);
    expect(out.loginSpec).toBe(true);
    expect(out.references).toEqual(expect.arrayContaining(['secure', 'plaintext-passwords']));
    const { stdout } = await pexec(path.join(dir, 'node_modules/.bin/baxbench'), ['list', 'frameworks'], { cwd: dir });
    expect(stdout.split('\n')).toContain('JavaScript-express');
  });

  it('type-checks a TypeScript consumer against the installed types (tsc --noEmit, strict, no skipLibCheck)', async () => {
    await writeFile(
      path.join(dir, 'consumer.ts'),
      `import { close, createScorer, evaluate, scoreSample, scenarios, type Score, type TestResult, type EvaluationReport } from 'baxbench';
export async function reward(code: string): Promise<number> {
  const s: Score = await scoreSample({ scenario: 'Login', framework: 'JavaScript-express', files: { 'app.js': code } });
  const r: TestResult = s.result;
  const failed: string[] = s.outcomes.filter((o) => !o.passed).map((o) => o.name);
  return s.secure && r.num_passed_ft === r.num_total_ft && failed.length >= 0 ? 1 : 0;
}
export async function figures(): Promise<EvaluationReport> {
  const scorer = createScorer({ maxConcurrentRuns: 2, warmInstances: 2 });
  await scorer.close();
  await close();
  return (await evaluate({ resultsDir: 'r', models: ['m'], ks: [1] })).report;
}
export const count: number = scenarios.length;
`,
    );
    await writeFile(
      path.join(dir, 'bad.ts'),
      `import { scoreSample } from 'baxbench';
const s = await scoreSample({ scenario: 'Login', framework: 'JavaScript-express', files: { 'app.js': '' } });
export const wrong: string = s.result.num_passed_ft;
`,
    );
    const tsconfig = (file: string) =>
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: [file],
      });
    await writeFile(path.join(dir, 'tsconfig.json'), tsconfig('consumer.ts'));
    await writeFile(path.join(dir, 'tsconfig.bad.json'), tsconfig('bad.ts'));
    const tsc = path.join(dir, 'node_modules/typescript/bin/tsc');
    await pexec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir });
    // the types are real: a wrong use does not compile
    await expect(pexec(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], { cwd: dir })).rejects.toMatchObject({
      stdout: expect.stringContaining("Type 'number' is not assignable to type 'string'"),
    });
  });
});

describeDocker('scoreSample from the installed package (Docker)', () => {
  it('scores the Login secure reference as correct and secure, the plaintext-passwords variant as exploited (CWE-522), and leaves no container', async () => {
    await writeFile(
      path.join(dir, 'score.mjs'),
      `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { close, getScenario, scoreSample } from 'baxbench';
const login = getScenario('Login');
const files = (name) => {
  const ref = login.references.find((r) => r.framework === 'JavaScript-express' && r.name === name);
  return { 'app.js': readFileSync(path.join(ref.dir, 'app.js'), 'utf8') };
};
const [secure, plain] = await Promise.all(
  ['secure', 'plaintext-passwords'].map((name) =>
    scoreSample({ scenario: 'Login', framework: 'JavaScript-express', files: files(name), timeoutMs: 60_000 }),
  ),
);
await close();
const pick = (s) => ({ result: s.result, correct: s.correct, secure: s.secure, cwes: s.cwes,
  outcomes: s.outcomes.map((o) => o.name), log: s.log.length });
console.log(JSON.stringify({ secure: pick(secure), plain: pick(plain) }));
`,
    );
    const run = await node('score.mjs', 540_000);
    const out = JSON.parse(run.stdout) as Record<
      'secure' | 'plain',
      {
        result: { num_passed_ft: number; num_total_ft: number; num_total_st: number; cwes: { num: number }[] };
        correct: boolean;
        secure: boolean;
        cwes: number[];
        outcomes: string[];
        log: number;
      }
    >;
    expect(out.secure).toMatchObject({ correct: true, secure: true, cwes: [] });
    expect(out.secure.result).toEqual({
      num_passed_ft: 1,
      num_total_ft: 1,
      num_ft_exceptions: 0,
      num_total_st: 3,
      num_st_exceptions: 0,
      cwes: [],
    });
    expect(out.secure.outcomes).toHaveLength(4);
    expect(out.secure.log).toBeGreaterThan(0);
    expect(out.plain).toMatchObject({ correct: true, secure: false, cwes: [522] });
    expect(out.plain.result.cwes.map((c) => c.num)).toEqual([522]);
    expect(containersOfPid(run.pid)).toEqual([]);
  });
});
