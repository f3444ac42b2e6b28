/**
 * Generation against local stand-ins of the model APIs (OpenAI chat completions, Anthropic
 * messages, Gemini generateContent) on 127.0.0.1: what is sent, retries on 429/500, what is
 * written (code, raw answers, gen.log, gen_usage.json), resume, failures, concurrency, cost.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeDir, sampleDir, taskDir } from '../src/core/results.js';
import type { Framework, Scenario, TaskKey } from '../src/core/types.js';
import { createModelClient, type ModelClient } from '../src/generation/client.js';
import { parseModelSpec, requestSettings, type RequestSettingsInput } from '../src/generation/models.js';
import { parsePriceTable, loadPriceTable } from '../src/generation/prices.js';
import { readUsage, type TaskUsageFile } from '../src/generation/usage.js';
import { runGeneration, type GenerateRunOptions, type GenerateTask } from '../src/pipeline/generate.js';
import {
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
  promptOf,
  type FakeServer,
} from './helpers/fake-llm-servers.js';
import {
  FIXTURE_API_SPEC,
  fixtureMultiFile,
  fixtureScenario,
  fixtureSingleFile,
} from './helpers/generation-fixtures.js';

const APP = "const express = require('express');\nconst app = express();\napp.listen(5000, '0.0.0.0');";
const SINGLE_ANSWER = `Here you go.\n<CODE>\n${APP}\n</CODE>\n`;
const MULTI_ANSWER =
  '<FILEPATH>\nsrc/main.ts\n</FILEPATH>\n<CODE>\nbootstrap();\n</CODE>\n<FILEPATH>\n./src/app.module.ts\n</FILEPATH>\n<CODE>\n```ts\nexport class AppModule {}\n```\n</CODE>\n';

let results: string;
let servers: FakeServer[] = [];

beforeEach(() => {
  results = mkdtempSync(path.join(os.tmpdir(), 'gen-'));
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  rmSync(results, { recursive: true, force: true });
});

async function track(p: Promise<FakeServer>): Promise<FakeServer> {
  const s = await p;
  servers.push(s);
  return s;
}

function client(
  spec: string,
  server: FakeServer,
  apiKey: string | undefined,
  over: Partial<RequestSettingsInput> = {},
): ModelClient {
  const model = parseModelSpec(spec);
  const settings = requestSettings(model, {
    temperature: 0.4,
    reasoningEffort: 'high',
    baseUrl: server.baseUrl,
    ...over,
  });
  return createModelClient(model, { apiKey, baseUrl: server.baseUrl, settings, requestTimeoutMs: 20_000 });
}

function task(
  c: ModelClient,
  scenario: Scenario = fixtureScenario(),
  framework: Framework = fixtureSingleFile(),
): GenerateTask {
  const key: TaskKey = {
    model: c.model.folder,
    scenario: scenario.id,
    framework: framework.id,
    temperature: 0.4,
    specType: 'openapi',
    safetyPrompt: 'none',
  };
  return { key, scenario, framework, client: c };
}

function run(tasks: GenerateTask[], over: Partial<GenerateRunOptions> = {}): ReturnType<typeof runGeneration> {
  return runGeneration({
    resultsDir: results,
    tasks,
    samples: [0],
    force: false,
    skipFailed: false,
    maxConcurrentRequests: 4,
    retry: { maxRetries: 5, baseDelay: 0.001, maxDelay: 0.005 },
    prices: loadPriceTable(),
    ...over,
  });
}

function usageOf(t: GenerateTask): TaskUsageFile {
  return JSON.parse(readFileSync(path.join(taskDir(results, t.key), 'gen_usage.json'), 'utf8')) as TaskUsageFile;
}

function genLog(t: GenerateTask): string {
  return readFileSync(path.join(taskDir(results, t.key), 'gen.log'), 'utf8');
}

describe('OpenAI-compatible endpoint', () => {
  it('sends key, model, temperature, system and a prompt with the spec; retries 429 and 500; saves code and accounting', async () => {
    const server = await track(
      startFakeOpenAI({
        script: [{ status: 429, headers: { 'retry-after-ms': '1' } }, { status: 500 }],
        answer: () => ({ text: SINGLE_ANSWER, inputTokens: 1200, outputTokens: 300 }),
      }),
    );
    const t = task(client('openai-compatible:fake-coder', server, 'sekret-123'));
    const summary = await run([t]);

    expect(server.requests).toHaveLength(3);
    for (const r of server.requests) {
      expect(r.path).toBe('/v1/chat/completions');
      expect(r.headers.authorization).toBe('Bearer sekret-123');
      expect(r.body.model).toBe('fake-coder');
      expect(r.body.temperature).toBe(0.4);
      expect(r.body.max_tokens).toBe(29000); // local server, model in no table
      const messages = r.body.messages as { role: string; content: string }[];
      expect(messages[0]).toMatchObject({ role: 'system' });
      expect(messages[0]!.content).toMatch(/full-stack developer/);
      expect(messages[1]!.role).toBe('user');
      expect(messages[1]!.content).toContain(FIXTURE_API_SPEC);
    }
    expect(summary).toMatchObject({ generated: 1, failed: 0, errors: 0, requests: 3 });
    expect(readFileSync(path.join(codeDir(results, t.key, 0), 'app.js'), 'utf8')).toBe(APP);
    expect(readFileSync(path.join(sampleDir(results, t.key, 0), 'raw_answer.txt'), 'utf8')).toBe(SINGLE_ANSWER);
    expect(path.relative(results, taskDir(results, t.key))).toBe(
      path.join('fake-coder', 'Login', 'JavaScript-express', 'temp0.4-openapi-none'),
    );

    const log = genLog(t);
    expect(log).toMatch(/attempt 1 failed: HTTP 429/);
    expect(log).toMatch(/attempt 2 failed: HTTP 500/);
    expect(log).toContain(FIXTURE_API_SPEC);
    expect(log).toContain(SINGLE_ANSWER.trim());
    expect(log).toMatch(/input 1200, output 300/);
    expect(log).toMatch(/saved code\/app\.js/);

    const usage = usageOf(t);
    expect(usage.samples['0']).toMatchObject({
      status: 'generated',
      attempts: 3,
      input_tokens: 1200,
      output_tokens: 300,
      total_tokens: 1500,
      cost_usd: null,
      files: ['app.js'],
      finish_reason: 'stop',
    });
    expect(usage.spent).toMatchObject({ requests: 3, total_tokens: 1500, unpriced_requests: 3 });
  });

  it('multi-file answers become files under code/', async () => {
    const server = await track(startFakeOpenAI({ answer: () => MULTI_ANSWER }));
    const t = task(client('openai-compatible:fake-coder', server, undefined), fixtureScenario(), fixtureMultiFile());
    await run([t]);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    const dir = codeDir(results, t.key, 0);
    expect(readFileSync(path.join(dir, 'src/main.ts'), 'utf8')).toBe('bootstrap();');
    expect(readFileSync(path.join(dir, 'src/app.module.ts'), 'utf8')).toBe('export class AppModule {}');
  });

  it('an answer without code is a failed sample: code/failed marker + raw answer, never an empty app; rerun asks again unless --skip-failed', async () => {
    let answers = 0;
    const server = await track(
      startFakeOpenAI({ answer: () => (++answers === 1 ? 'I am sorry, I cannot write this app.' : SINGLE_ANSWER) }),
    );
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    const s1 = await run([t]);
    expect(s1).toMatchObject({ generated: 0, failed: 1 });
    const dir = codeDir(results, t.key, 0);
    expect(readFileSync(path.join(dir, 'failed'), 'utf8')).toMatch(/no code/i);
    expect(existsSync(path.join(dir, 'app.js'))).toBe(false);
    expect(readFileSync(path.join(sampleDir(results, t.key, 0), 'raw_answer.txt'), 'utf8')).toBe(
      'I am sorry, I cannot write this app.',
    );
    expect(usageOf(t).samples['0']).toMatchObject({ status: 'failed' });

    const s2 = await run([t], { skipFailed: true });
    expect(s2).toMatchObject({ skipped: 1, requests: 0 });
    expect(server.requests).toHaveLength(1);

    const s3 = await run([t]);
    expect(s3).toMatchObject({ generated: 1 });
    expect(existsSync(path.join(dir, 'failed'))).toBe(false);
    expect(readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(APP);
    expect(usageOf(t).spent.requests).toBe(2);
  });

  it('resume: samples already there are kept; --force asks again and replaces them', async () => {
    let n = 0;
    const server = await track(startFakeOpenAI({ answer: () => `<CODE>\nconsole.log(${++n});\n</CODE>` }));
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    await run([t], { samples: [0, 1] });
    expect(server.requests).toHaveLength(2);
    const s = await run([t], { samples: [0, 1, 2] });
    expect(s).toMatchObject({ skipped: 2, generated: 1 });
    expect(server.requests).toHaveLength(3);
    expect(readFileSync(path.join(codeDir(results, t.key, 2), 'app.js'), 'utf8')).toBe('console.log(3);');
    const before = readFileSync(path.join(codeDir(results, t.key, 0), 'app.js'), 'utf8');
    await run([t], { samples: [0], force: true });
    expect(server.requests).toHaveLength(4);
    expect(readFileSync(path.join(codeDir(results, t.key, 0), 'app.js'), 'utf8')).not.toBe(before);
  });

  it('empty answers are retried; tokens of every attempt are counted', async () => {
    let n = 0;
    const server = await track(
      startFakeOpenAI({
        answer: () =>
          ++n === 1
            ? { text: '', outputTokens: 7, inputTokens: 10 }
            : { text: SINGLE_ANSWER, outputTokens: 20, inputTokens: 10 },
      }),
    );
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    const s = await run([t]);
    expect(s).toMatchObject({ generated: 1, requests: 2 });
    expect(s.usage).toMatchObject({ inputTokens: 20, outputTokens: 27 });
    expect(usageOf(t).samples['0']).toMatchObject({ attempts: 2, output_tokens: 27 });
    expect(genLog(t)).toMatch(/empty answer/);
  });

  it('gives up after --max-retries on persistent 500s: no sample written, the error is recorded', async () => {
    const server = await track(startFakeOpenAI({ script: Array.from({ length: 10 }, () => ({ status: 500 })) }));
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    const s = await run([t], { retry: { maxRetries: 2, baseDelay: 0.001, maxDelay: 0.002 } });
    expect(server.requests).toHaveLength(3);
    expect(s).toMatchObject({ generated: 0, errors: 1 });
    expect(s.errorMessages[0]).toMatch(/gave up after 3 attempt\(s\): HTTP 500/);
    expect(existsSync(sampleDir(results, t.key, 0))).toBe(false);
    expect(usageOf(t).samples['0']).toMatchObject({ status: 'error', attempts: 3 });
  });

  it('a 401 is not retried and stops further requests to that model', async () => {
    const server = await track(
      startFakeOpenAI({
        script: Array.from({ length: 10 }, () => ({
          status: 401,
          json: { error: { message: 'bad key', type: 'invalid_request_error' } },
        })),
      }),
    );
    const t = task(client('openai-compatible:fake-coder', server, 'wrong'));
    const s = await run([t], { samples: [0, 1, 2, 3], maxConcurrentRequests: 1 });
    expect(server.requests).toHaveLength(1);
    expect(s.errors).toBe(4);
    expect(s.errorMessages.join('\n')).toMatch(/HTTP 401/);
  });

  it('keeps at most --max-concurrent-requests requests in flight per endpoint', async () => {
    const server = await track(startFakeOpenAI({ delayMs: 60, answer: () => SINGLE_ANSWER }));
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    const s = await run([t], { samples: [0, 1, 2, 3, 4, 5, 6, 7], maxConcurrentRequests: 3 });
    expect(s.generated).toBe(8);
    expect(server.inFlight.peak).toBe(3);
  });

  it('costs come from the price table; readUsage adds them up per model', async () => {
    const server = await track(
      startFakeOpenAI({ answer: () => ({ text: SINGLE_ANSWER, inputTokens: 1_000_000, outputTokens: 500_000 }) }),
    );
    const t = task(client('openai-compatible:fake-coder', server, 'k'));
    const prices = parsePriceTable('models:\n  fake-coder: { input: 2, output: 10 }\n', 'test');
    const s = await run([t], { samples: [0, 1], prices });
    expect(s.costUsd).toBeCloseTo(2 * (2 + 5));
    expect(usageOf(t).samples['1']!.cost_usd).toBeCloseTo(7);
    const report = await readUsage(results, {
      models: ['fake-coder', 'other'],
      scenarios: ['Login'],
      frameworks: ['JavaScript-express'],
      temperature: 0.4,
      specType: 'openapi',
      safetyPrompt: 'none',
    });
    expect(report.models[0]).toMatchObject({
      model: 'fake-coder',
      tasks: 1,
      samples: 2,
      input_tokens: 2_000_000,
      output_tokens: 1_000_000,
    });
    expect(report.models[0]!.cost_usd).toBeCloseTo(14);
    expect(report.models[1]).toMatchObject({ model: 'other', tasks: 0, samples: 0, cost_usd: null });
    const only0 = await readUsage(results, {
      models: ['fake-coder'],
      scenarios: ['Login'],
      frameworks: ['JavaScript-express'],
      temperature: 0.4,
      specType: 'openapi',
      safetyPrompt: 'none',
      samples: [0],
    });
    expect(only0.total.samples).toBe(1);
    const repriced = await readUsage(
      results,
      {
        models: ['fake-coder'],
        scenarios: ['Login'],
        frameworks: ['JavaScript-express'],
        temperature: 0.4,
        specType: 'openapi',
        safetyPrompt: 'none',
      },
      { prices: parsePriceTable('models:\n  fake-coder: { input: 1, output: 1 }\n', 't') },
    );
    expect(repriced.total.cost_usd).toBeCloseTo(3);
  });
});

describe('OpenAI endpoint (openai: provider)', () => {
  it('gpt-4o: chat completions with temperature and the family max tokens', async () => {
    const server = await track(startFakeOpenAI({ answer: () => SINGLE_ANSWER }));
    const t = task(client('openai:gpt-4o', server, 'sk-test'));
    const s = await run([t]);
    expect(s.generated).toBe(1);
    const r = server.requests[0]!;
    expect(r.headers.authorization).toBe('Bearer sk-test');
    expect(r.body).toMatchObject({ model: 'gpt-4o', temperature: 0.4, max_tokens: 16384 });
    expect((r.body.messages as { role: string }[])[0]!.role).toBe('system');
    expect(s.costUsd).toBeGreaterThan(0); // gpt-4o is in the bundled price table
  });

  it('o3-mini: no temperature, reasoning effort, max_completion_tokens, developer message', async () => {
    const server = await track(startFakeOpenAI({ answer: () => SINGLE_ANSWER }));
    const t = task(client('openai:o3-mini', server, 'sk-test', { reasoningEffort: 'medium' }));
    await run([t]);
    const r = server.requests[0]!;
    expect(r.body.temperature).toBeUndefined();
    expect(r.body).toMatchObject({ model: 'o3-mini', reasoning_effort: 'medium', max_completion_tokens: 100000 });
    expect((r.body.messages as { role: string }[])[0]!.role).toBe('developer');
  });
});

describe('Anthropic endpoint', () => {
  it('sends x-api-key, model, temperature, system, max_tokens; retries 429 and 500', async () => {
    const server = await track(
      startFakeAnthropic({
        script: [
          { status: 429, json: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } },
          { status: 500 },
        ],
        answer: () => ({ text: SINGLE_ANSWER, inputTokens: 1000, outputTokens: 200 }),
      }),
    );
    const t = task(client('anthropic:claude-3-5-sonnet-20241022', server, 'ant-key'));
    const s = await run([t]);
    expect(server.requests).toHaveLength(3);
    const r = server.requests[2]!;
    expect(r.path).toBe('/v1/messages');
    expect(r.headers['x-api-key']).toBe('ant-key');
    expect(r.headers['anthropic-version']).toBeDefined();
    expect(r.body).toMatchObject({ model: 'claude-3-5-sonnet-20241022', temperature: 0.4, max_tokens: 8192 });
    expect(JSON.stringify(r.body.system)).toMatch(/full-stack developer/);
    expect(promptOf(r)).toContain(FIXTURE_API_SPEC);
    expect(s).toMatchObject({ generated: 1, requests: 3 });
    expect(readFileSync(path.join(codeDir(results, t.key, 0), 'app.js'), 'utf8')).toBe(APP);
    expect(genLog(t)).toMatch(/attempt 1 failed: HTTP 429/);
    expect(usageOf(t).samples['0']).toMatchObject({ input_tokens: 1000, output_tokens: 200 });
    expect(s.costUsd).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6);
  });

  it('thinking models: thinking enabled with budget length-1, max_tokens = length, no temperature, no system; thinking goes to gen.log', async () => {
    const server = await track(
      startFakeAnthropic({ answer: () => ({ text: SINGLE_ANSWER, thinking: 'THOUGHT-TRACE-42' }) }),
    );
    const t = task(client('anthropic:claude-sonnet-4-20250514', server, 'ant-key'));
    await run([t]);
    const r = server.requests[0]!;
    expect(r.body.thinking).toEqual({ type: 'enabled', budget_tokens: 63999 });
    expect(r.body.max_tokens).toBe(64000);
    expect(r.body.temperature).toBeUndefined();
    expect(r.body.system).toBeUndefined();
    expect(genLog(t)).toContain('THOUGHT-TRACE-42');
    expect(readFileSync(path.join(codeDir(results, t.key, 0), 'app.js'), 'utf8')).toBe(APP);
  });
});

describe('Gemini endpoint', () => {
  it('sends the key header, the temperature and the prompt; saves the code', async () => {
    const server = await track(startFakeGemini({ script: [{ status: 503 }], answer: () => SINGLE_ANSWER }));
    const t = task(client('google:gemini-2.0-flash', server, 'g-key'));
    const s = await run([t]);
    expect(s).toMatchObject({ generated: 1, requests: 2 });
    const r = server.requests[1]!;
    expect(r.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(r.headers['x-goog-api-key']).toBe('g-key');
    expect((r.body.generationConfig as Record<string, unknown>).temperature).toBe(0.4);
    expect(promptOf(r)).toContain(FIXTURE_API_SPEC);
    expect(JSON.stringify(r.body.systemInstruction)).toMatch(/full-stack developer/);
  });
});
