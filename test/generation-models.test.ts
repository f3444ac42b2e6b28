import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  parseModelSpec,
  requestSettings,
  resolveApiKey,
  type ModelSpec,
  type RequestSettingsInput,
} from '../src/generation/models.js';
import { costOf, loadPriceTable, parsePriceTable, priceFor } from '../src/generation/prices.js';
import { Semaphore } from '../src/generation/limiter.js';
import {
  RetriesExhaustedError,
  TransientError,
  abortableSleep,
  backoffDelayMs,
  isRetryable,
  withRetries,
} from '../src/generation/retry.js';

const base: RequestSettingsInput = { temperature: 0.2, reasoningEffort: 'high' };

describe('model specs', () => {
  it('splits provider:model, keeping ":" and "/" in the model id; folder has "/" → "-"', () => {
    expect(parseModelSpec('openai-compatible:fake-coder')).toMatchObject({
      provider: 'openai-compatible',
      modelId: 'fake-coder',
      folder: 'fake-coder',
    });
    expect(parseModelSpec('openai-compatible:qwen2.5-coder:7b')).toMatchObject({
      modelId: 'qwen2.5-coder:7b',
      folder: 'qwen2.5-coder:7b',
    });
    expect(parseModelSpec('openai-compatible:meta-llama/Llama-3.3-70B-Instruct-Turbo')).toMatchObject({
      folder: 'meta-llama-Llama-3.3-70B-Instruct-Turbo',
    });
    expect(parseModelSpec('anthropic:claude-3-5-sonnet-20241022').provider).toBe('anthropic');
    expect(parseModelSpec('google:gemini-2.5-pro').provider).toBe('google');
  });

  it('infers the provider of well-known bare ids and refuses the others with a hint', () => {
    expect(parseModelSpec('gpt-4o').provider).toBe('openai');
    expect(parseModelSpec('o3-mini').provider).toBe('openai');
    expect(parseModelSpec('claude-opus-4-20250514').provider).toBe('anthropic');
    expect(parseModelSpec('gemini-2.0-flash').provider).toBe('google');
    expect(() => parseModelSpec('deepseek-ai/DeepSeek-V3')).toThrow(
      /give its provider.*openai-compatible:deepseek-ai\/DeepSeek-V3/,
    );
    expect(() => parseModelSpec('openai:')).toThrow(/empty/);
  });
});

describe('API keys', () => {
  const m = (s: string): ModelSpec => parseModelSpec(s);
  it('reads the provider variable, or --api-key-env', () => {
    expect(resolveApiKey(m('openai:gpt-4o'), { OPENAI_API_KEY: 'k1' }, {})).toEqual({
      envName: 'OPENAI_API_KEY',
      apiKey: 'k1',
    });
    expect(resolveApiKey(m('anthropic:claude-x'), { ANTHROPIC_API_KEY: 'k2' }, {})).toEqual({
      envName: 'ANTHROPIC_API_KEY',
      apiKey: 'k2',
    });
    expect(resolveApiKey(m('google:gemini-x'), { GEMINI_API_KEY: 'k3' }, {})).toEqual({
      envName: 'GEMINI_API_KEY',
      apiKey: 'k3',
    });
    expect(resolveApiKey(m('openai:gpt-4o'), { MINE: 'k4' }, { apiKeyEnv: 'MINE' })).toEqual({
      envName: 'MINE',
      apiKey: 'k4',
    });
  });

  it('a missing key is one clear line naming the variable', () => {
    expect(() => resolveApiKey(m('openai:gpt-4o'), {}, {})).toThrow(/no API key: set OPENAI_API_KEY.*--api-key-env/);
    expect(() => resolveApiKey(m('openai:gpt-4o'), {}, { apiKeyEnv: 'FAKE_KEY' })).toThrow(
      /FAKE_KEY \(from --api-key-env\) is not set/,
    );
  });

  it('openai-compatible: no key needed for a local server, the usual variable for known hosts', () => {
    expect(resolveApiKey(m('openai-compatible:x'), {}, { baseUrl: 'http://localhost:8000/v1' })).toEqual({});
    expect(() => resolveApiKey(m('openai-compatible:x'), {}, { baseUrl: 'https://openrouter.ai/api/v1' })).toThrow(
      /OPENROUTER_API_KEY/,
    );
    expect(
      resolveApiKey(m('openai-compatible:x'), { TOGETHER_API_KEY: 't' }, { baseUrl: 'https://api.together.xyz/v1' })
        .apiKey,
    ).toBe('t');
  });
});

describe('request settings per model family (the original tables)', () => {
  it('OpenAI chat models: temperature, max tokens from the table or the family', () => {
    expect(requestSettings(parseModelSpec('openai:gpt-4o'), base)).toEqual({
      temperature: 0.2,
      maxOutputTokens: 16384,
      sendSystemPrompt: true,
      reasoningEffort: undefined,
    });
    expect(requestSettings(parseModelSpec('openai:gpt-4.1-2025-04-14'), base).maxOutputTokens).toBe(32000);
    expect(requestSettings(parseModelSpec('openai:gpt-4o-2024-08-06'), base).maxOutputTokens).toBe(16384);
    expect(requestSettings(parseModelSpec('openai:gpt-4-turbo'), base).maxOutputTokens).toBeUndefined();
  });

  it('OpenAI reasoning models: no temperature, reasoning effort; o1-mini has neither effort nor system prompt', () => {
    expect(requestSettings(parseModelSpec('openai:o3-mini'), { ...base, reasoningEffort: 'low' })).toEqual({
      temperature: undefined,
      maxOutputTokens: 100000,
      sendSystemPrompt: true,
      reasoningEffort: 'low',
    });
    expect(requestSettings(parseModelSpec('openai:gpt-5-2025-08-07'), base)).toMatchObject({
      maxOutputTokens: 128000,
      reasoningEffort: 'high',
    });
    expect(requestSettings(parseModelSpec('openai:o1-mini'), base)).toMatchObject({
      maxOutputTokens: 65536,
      sendSystemPrompt: false,
      reasoningEffort: undefined,
    });
  });

  it('Anthropic: thinking models get max_tokens = length and budget = length - 1, no temperature, no system prompt', () => {
    expect(requestSettings(parseModelSpec('anthropic:claude-sonnet-4-20250514'), base)).toEqual({
      maxOutputTokens: 64000,
      thinkingBudget: 63999,
      sendSystemPrompt: false,
    });
    expect(requestSettings(parseModelSpec('anthropic:claude-opus-4-1-20250805'), base)).toMatchObject({
      maxOutputTokens: 32000,
      thinkingBudget: 31999,
    });
  });

  it('Anthropic: other models 8192 (3.5) or 4096 tokens with temperature; --thinking-budget turns thinking on', () => {
    expect(requestSettings(parseModelSpec('anthropic:claude-3-5-sonnet-20241022'), base)).toEqual({
      temperature: 0.2,
      maxOutputTokens: 8192,
      sendSystemPrompt: true,
    });
    expect(requestSettings(parseModelSpec('anthropic:claude-3-opus-20240229'), base).maxOutputTokens).toBe(4096);
    expect(
      requestSettings(parseModelSpec('anthropic:claude-3-5-haiku-latest'), { ...base, thinkingBudget: 2000 }),
    ).toMatchObject({ thinkingBudget: 2000, maxOutputTokens: 2000 + 8192 });
    expect(
      requestSettings(parseModelSpec('anthropic:claude-3-5-haiku-latest'), { ...base, maxOutputTokens: 1000 })
        .maxOutputTokens,
    ).toBe(1000);
  });

  it('OpenAI-compatible: context length - 3000 from the tables; 29000 for local servers, 8192 for hosted ones', () => {
    expect(
      requestSettings(parseModelSpec('openai-compatible:Qwen/Qwen2.5-Coder-32B-Instruct'), {
        ...base,
        baseUrl: 'https://api.together.xyz/v1',
      }).maxOutputTokens,
    ).toBe(32768 - 3000);
    expect(
      requestSettings(parseModelSpec('openai-compatible:openai/gpt-oss-20b'), {
        ...base,
        baseUrl: 'http://localhost:8000/v1',
      }),
    ).toMatchObject({ maxOutputTokens: 16384 - 3000, reasoningEffort: 'high' });
    expect(
      requestSettings(parseModelSpec('openai-compatible:mystery'), { ...base, baseUrl: 'http://127.0.0.1:9/v1' })
        .maxOutputTokens,
    ).toBe(29000);
    expect(
      requestSettings(parseModelSpec('openai-compatible:mystery'), { ...base, baseUrl: 'https://example.com/v1' }),
    ).toMatchObject({ maxOutputTokens: 8192, reasoningEffort: undefined, temperature: 0.2 });
    expect(
      requestSettings(parseModelSpec('openai-compatible:mystery'), {
        ...base,
        reasoningEffortExplicit: true,
        reasoningEffort: 'medium',
      }).reasoningEffort,
    ).toBe('medium');
  });
});

describe('prices', () => {
  const table = loadPriceTable();
  it('finds the longest matching key; dated ids use their family; unknown models have none', () => {
    expect(priceFor(table, 'gpt-4o')).toMatchObject({ input: 2.5, output: 10 });
    expect(priceFor(table, 'gpt-4o-2024-08-06')).toMatchObject({ input: 2.5 });
    expect(priceFor(table, 'gpt-4o-mini-2024-07-18')).toMatchObject({ input: 0.15 });
    expect(priceFor(table, 'claude-sonnet-4-20250514')).toMatchObject({ input: 3, output: 15 });
    expect(priceFor(table, 'fake-coder')).toBeUndefined();
    expect(priceFor(table, 'gpt-4oz')).toBeUndefined();
  });

  it('computes cost with cached input at its own price', () => {
    const p = { input: 2, output: 8, cachedInput: 0.5 };
    expect(
      costOf(
        { inputTokens: 1_000_000, outputTokens: 500_000, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0 },
        p,
      ),
    ).toBeCloseTo(2 + 4);
    expect(
      costOf(
        { inputTokens: 1_000_000, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 400_000, totalTokens: 0 },
        p,
      ),
    ).toBeCloseTo(0.6 * 2 + 0.4 * 0.5);
  });

  it('a user table merges over the bundled one; provider-prefixed keys win', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prices-'));
    const file = path.join(dir, 'p.yaml');
    writeFileSync(
      file,
      'models:\n  fake-coder: { input: 1, output: 2 }\n  gpt-4o: { input: 9, output: 9 }\n  "openai-compatible:gpt-4o": { input: 0.5, output: 0.5 }\n',
    );
    const t = loadPriceTable(file);
    expect(priceFor(t, 'fake-coder')).toEqual({ input: 1, output: 2 });
    expect(priceFor(t, 'gpt-4o', 'openai')).toEqual({ input: 9, output: 9 });
    expect(priceFor(t, 'gpt-4o', 'openai-compatible')).toEqual({ input: 0.5, output: 0.5 });
    expect(priceFor(t, 'o3-mini')).toMatchObject({ input: 1.1 });
  });

  it('malformed tables are one clear error naming the file and entry', () => {
    expect(() => parsePriceTable('models:\n  x: { input: -1, output: 2 }\n', 'mine.yaml')).toThrow(
      /mine.yaml: models.x: "input" must be a non-negative number/,
    );
    expect(() => parsePriceTable('models:\n  x: { input: 1, output: 2, outptu: 3 }\n', 'm.yaml')).toThrow(
      /unknown field "outptu"/,
    );
    expect(() => parsePriceTable('- a\n', 'm.yaml')).toThrow(/"models"/);
    expect(() => loadPriceTable('/nonexistent/prices.yaml')).toThrow(/cannot read price table/);
  });
});

function apiError(status: number, headers: Record<string, string> = {}): APICallError {
  return new APICallError({
    message: `status ${status}`,
    url: 'http://x/v1',
    requestBodyValues: {},
    statusCode: status,
    responseHeaders: headers,
    isRetryable: status === 429 || status >= 500,
  });
}

describe('retries', () => {
  it('retries 429, 5xx, 408, network errors and empty answers; not 400/401/404', () => {
    for (const s of [429, 500, 502, 503, 529, 408]) expect(isRetryable(apiError(s)), String(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(isRetryable(apiError(s)), String(s)).toBe(false);
    expect(isRetryable(new TransientError('empty'))).toBe(true);
    expect(
      isRetryable(
        Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      ),
    ).toBe(true);
    expect(isRetryable(new Error('some bug'))).toBe(false);
  });

  it('backoff: uniform in [0, min(base·2^r, max)], as the original', () => {
    const o = { baseDelay: 1, maxDelay: 128 };
    expect(backoffDelayMs(1, { ...o, random: () => 0.999999 })).toBe(2000);
    expect(backoffDelayMs(3, { ...o, random: () => 0.5 })).toBe(4000);
    expect(backoffDelayMs(10, { ...o, random: () => 0.999999 })).toBe(128000);
    expect(backoffDelayMs(2, { ...o, random: () => 0 })).toBe(0);
  });

  it('honours Retry-After (capped at max delay)', () => {
    const o = { baseDelay: 1, maxDelay: 10, random: () => 0 };
    expect(backoffDelayMs(1, o, apiError(429, { 'retry-after': '3' }))).toBe(3000);
    expect(backoffDelayMs(1, o, apiError(429, { 'Retry-After': '300' }))).toBe(10000);
    expect(backoffDelayMs(1, o, apiError(429, { 'retry-after-ms': '250' }))).toBe(250);
  });

  it('withRetries: sleeps between attempts, stops at success', async () => {
    const slept: number[] = [];
    let n = 0;
    const r = await withRetries(
      async () => {
        n++;
        if (n < 3) throw apiError(n === 1 ? 429 : 500);
        return 'ok';
      },
      { maxRetries: 5, baseDelay: 1, maxDelay: 128, random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    );
    expect(r).toBe('ok');
    expect(n).toBe(3);
    expect(slept).toEqual([1000, 2000]);
  });

  it('withRetries: gives up after maxRetries retries with the last error; non-retryable errors are not retried', async () => {
    let n = 0;
    const e = await withRetries(
      async () => {
        n++;
        throw apiError(503);
      },
      { maxRetries: 2, baseDelay: 1, maxDelay: 1, sleep: async () => {} },
    ).catch((x: unknown) => x);
    expect(n).toBe(3);
    expect(e).toBeInstanceOf(RetriesExhaustedError);
    expect((e as RetriesExhaustedError).attempts).toBe(3);
    expect(APICallError.isInstance((e as RetriesExhaustedError).lastError)).toBe(true);
    n = 0;
    const e2 = await withRetries(
      async () => {
        n++;
        throw apiError(401);
      },
      { maxRetries: 5, baseDelay: 1, maxDelay: 1, sleep: async () => {} },
    ).catch((x: unknown) => x);
    expect(n).toBe(1);
    expect(APICallError.isInstance(e2)).toBe(true);
  });

  it('backoff sleeps are abortable', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = withRetries(
      async () => {
        throw apiError(429);
      },
      { maxRetries: 3, baseDelay: 60, maxDelay: 60, random: () => 0.99, signal: ac.signal },
    );
    setTimeout(() => ac.abort(new Error('stop')), 50);
    await expect(p).rejects.toThrow(/stop/);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(abortableSleep(10_000, AbortSignal.abort(new Error('already')))).rejects.toThrow(/already/);
  });
});

describe('Semaphore', () => {
  it('never lets more than the limit run at once', async () => {
    const s = new Semaphore(3);
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        s.run(async () => {
          now++;
          peak = Math.max(peak, now);
          await new Promise((r) => setTimeout(r, 5));
          now--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(s.peak).toBe(3);
  });
});
