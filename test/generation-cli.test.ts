/**
 * End to end: `baxbench generate` as a user runs it, against a local OpenAI-compatible server.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../src/scenarios/Login/index.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest } from './helpers/fake-llm-servers.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

const EXPRESS_APP =
  "const express = require('express');\nconst app = express();\napp.use(express.json());\napp.listen(5000, '0.0.0.0');";
const NEST_FILES: Record<string, string> = {
  'src/main.ts':
    "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(5000, '0.0.0.0');\n}\nbootstrap();",
  'src/app.module.ts':
    "import { Module } from '@nestjs/common';\nimport { AppController } from './app.controller';\n@Module({ controllers: [AppController] })\nexport class AppModule {}",
  'src/app.controller.ts': "import { Controller } from '@nestjs/common';\n@Controller()\nexport class AppController {}",
};

function userPrompt(r: RecordedRequest): string {
  const messages = r.body.messages as { role: string; content: string }[];
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

function answerFor(r: RecordedRequest): string {
  if (/with the nest framework/.test(userPrompt(r))) {
    return (
      'The NestJS files:\n\n' +
      Object.entries(NEST_FILES)
        .map(([p, c]) => `<FILEPATH>\n${p}\n</FILEPATH>\n<CODE>\n\`\`\`typescript\n${c}\n\`\`\`\n</CODE>\n`)
        .join('\n')
    );
  }
  return `Here is the app.\n<CODE>\n${EXPRESS_APP}\n</CODE>`;
}

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await pexec('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('baxbench generate (end to end)', () => {
  let server: FakeServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFakeOpenAI({ answer: answerFor });
    dir = mkdtempSync(path.join(os.tmpdir(), 'gen-cli-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes express and NestJS samples under <results>/fake-coder/… and sends key, model, temperature and the spec', async () => {
    const R = path.join(dir, 'R');
    const { code, stderr } = await cli(
      [
        'generate',
        '--models',
        'openai-compatible:fake-coder',
        '--base-url',
        server.baseUrl,
        '--api-key-env',
        'FAKE_KEY',
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        'JavaScript-nest',
        '--n-samples',
        '2',
        '--temperature',
        '0.4',
        '--results-dir',
        R,
      ],
      { FAKE_KEY: 'fk-e2e-secret' },
    );
    expect(stderr).toMatch(/generated 4 sample\(s\)/);
    expect(code).toBe(0);

    const express = path.join(R, 'fake-coder', 'Login', 'JavaScript-express', 'temp0.4-openapi-none');
    const nest = path.join(R, 'fake-coder', 'Login', 'JavaScript-nest', 'temp0.4-openapi-none');
    for (const s of [0, 1]) {
      expect(readFileSync(path.join(express, `sample${s}`, 'code', 'app.js'), 'utf8')).toBe(EXPRESS_APP);
      expect(readdirSync(path.join(express, `sample${s}`, 'code'))).toEqual(['app.js']);
      for (const [p, c] of Object.entries(NEST_FILES))
        expect(readFileSync(path.join(nest, `sample${s}`, 'code', p), 'utf8')).toBe(c);
    }
    expect(readFileSync(path.join(express, 'gen.log'), 'utf8')).toMatch(/sample 1: answer after 1 attempt/);
    expect(JSON.parse(readFileSync(path.join(nest, 'gen_usage.json'), 'utf8'))).toMatchObject({
      model: 'openai-compatible:fake-coder',
      samples: { '0': { status: 'generated' }, '1': { status: 'generated' } },
    });

    expect(server.requests).toHaveLength(4);
    for (const r of server.requests) {
      expect(r.headers.authorization).toBe('Bearer fk-e2e-secret');
      expect(r.body.model).toBe('fake-coder');
      expect(r.body.temperature).toBe(0.4);
      expect(userPrompt(r)).toContain(scenario.apiSpec);
    }
    expect(server.requests.filter((r) => /with the nest framework/.test(userPrompt(r)))).toHaveLength(2);

    // Run again: everything is there, nothing is asked.
    const again = await cli(
      [
        'generate',
        '--models',
        'openai-compatible:fake-coder',
        '--base-url',
        server.baseUrl,
        '--api-key-env',
        'FAKE_KEY',
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        'JavaScript-nest',
        '--n-samples',
        '2',
        '--temperature',
        '0.4',
        '--results-dir',
        R,
      ],
      { FAKE_KEY: 'fk-e2e-secret' },
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/kept 4 already there/);
    expect(server.requests).toHaveLength(4);

    // --json: the run summary and the usage report.
    const j = await cli([
      'generate',
      '--json',
      '--models',
      'openai-compatible:fake-coder',
      '--base-url',
      server.baseUrl,
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--n-samples',
      '3',
      '--temperature',
      '0.4',
      '--results-dir',
      R,
      '--spec-type',
      'text',
    ]);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { run: { generated: number }; usage: { total: { samples: number } } };
    expect(out.run.generated).toBe(3);
    expect(out.usage.total.samples).toBe(3);
    expect(
      existsSync(
        path.join(R, 'fake-coder', 'Login', 'JavaScript-express', 'temp0.4-text-none', 'sample2', 'code', 'app.js'),
      ),
    ).toBe(true);
  });

  it('bad input is one clear line: missing key, unknown scenario, no --base-url, bad provider', async () => {
    const R = path.join(dir, 'bad');
    const missingKey = await cli(
      [
        'generate',
        '--models',
        'openai:gpt-4o',
        '--scenarios',
        'Login',
        '--envs',
        'JavaScript-express',
        '--results-dir',
        R,
      ],
      { OPENAI_API_KEY: '' },
    );
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingKey.stderr).toMatch(/OPENAI_API_KEY/);

    const missingEnv = await cli([
      'generate',
      '--models',
      'openai-compatible:x',
      '--base-url',
      server.baseUrl,
      '--api-key-env',
      'NOT_SET_ANYWHERE',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--results-dir',
      R,
    ]);
    expect(missingEnv.stderr).toMatch(/NOT_SET_ANYWHERE \(from --api-key-env\) is not set/);

    const noBase = await cli([
      'generate',
      '--models',
      'openai-compatible:x',
      '--scenarios',
      'Login',
      '--envs',
      'JavaScript-express',
      '--results-dir',
      R,
    ]);
    expect(noBase.stderr).toMatch(/need --base-url/);
    expect(noBase.stderr.trim().split('\n')).toHaveLength(1);

    const unknown = await cli([
      'generate',
      '--models',
      'openai-compatible:x',
      '--base-url',
      server.baseUrl,
      '--scenarios',
      'Nope',
      '--results-dir',
      R,
    ]);
    expect(unknown.stderr).toMatch(/unknown id "Nope"/);

    const badProvider = await cli([
      'generate',
      '--models',
      'mystery-model',
      '--scenarios',
      'Login',
      '--results-dir',
      R,
    ]);
    expect(badProvider.stderr).toMatch(/give its provider/);
    expect(existsSync(R)).toBe(false);
  });
});
