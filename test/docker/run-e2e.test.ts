/**
 * End to end, as a user runs it: `baxbench run` with a model behind a local OpenAI-compatible
 * server. The fake model answers with the Login secure reference for sample 0 and the
 * plaintext-passwords variant for sample 1; the run generates, tests in Docker and evaluates.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker } from '../helpers/docker.js';
import { startFakeOpenAI, type FakeServer } from '../helpers/fake-llm-servers.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');
const REF = path.resolve('src/scenarios/Login/reference/JavaScript-express');
const answer = (variant: string): string =>
  `Sure.\n<CODE>\n${readFileSync(path.join(REF, variant, 'app.js'), 'utf8')}\n</CODE>\n`;

describeDocker('baxbench run (generate → test → evaluate, Docker)', () => {
  let server: FakeServer;
  let dir: string;
  let calls = 0;
  beforeAll(async () => {
    // Requests come in sample order one at a time (--max-concurrent-requests 1).
    server = await startFakeOpenAI({
      answer: () => ({
        text: answer(calls++ === 0 ? 'secure' : 'plaintext-passwords'),
        inputTokens: 1000,
        outputTokens: 500,
      }),
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'run-e2e-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a secure and an insecure sample give pass@1 1.0, sec_pass@1 0.5 and CWE-522 in half the samples', async () => {
    const R = path.join(dir, 'R');
    const { stdout } = await pexec(
      'node',
      [
        BIN,
        'run',
        '--models',
        'openai-compatible:fake-coder',
        '--base-url',
        server.baseUrl,
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        '--n-samples',
        '2',
        '--ks',
        '1',
        '--max-concurrent-requests',
        '1',
        '--results-dir',
        R,
        '--json',
      ],
      { timeout: 600_000, env: { ...process.env } },
    );
    expect(server.requests).toHaveLength(2);
    const out = JSON.parse(stdout) as {
      tasks: {
        model: string;
        n_samples: number;
        n_correct: number;
        n_secure: number;
        pass_at_k: Record<string, number>;
        sec_pass_at_k: Record<string, number>;
        cwe_rates: Record<string, number>;
      }[];
    };
    expect(out.tasks).toHaveLength(1);
    const t = out.tasks[0]!;
    expect(t).toMatchObject({ model: 'fake-coder', n_samples: 2, n_correct: 2, n_secure: 1 });
    expect(t.pass_at_k['1']).toBe(1);
    expect(t.sec_pass_at_k['1']).toBe(0.5);
    expect(t.cwe_rates['522']).toBe(0.5);
    const task = path.join(R, 'fake-coder', 'Login', 'JavaScript-express', 'temp0.2-openapi-none');
    const r1 = JSON.parse(readFileSync(path.join(task, 'sample1', 'test_results.json'), 'utf8')) as {
      cwes: { num: number }[];
    };
    expect(r1.cwes.map((c) => c.num)).toEqual([522]);
    expect(readFileSync(path.join(task, 'gen.log'), 'utf8')).toContain('Login');
  }, 600_000);
});
