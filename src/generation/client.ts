/**
 * One model behind one interface: a system + user prompt in, the answer text, reasoning and
 * token usage out. Built on the AI SDK (`ai` and its provider packages); the SDK's own retries
 * are off (maxRetries: 0) so that ours (retry.ts) are the only ones.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, type LanguageModel } from 'ai';
import { Agent, fetch as undiciFetch } from 'undici';
import { ModelSpecError, type ModelSpec, type RequestSettings } from './models.js';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Part of outputTokens spent on reasoning, when the provider reports it. */
  reasoningTokens: number;
  /** Part of inputTokens read from the provider's prompt cache, when reported. */
  cachedInputTokens: number;
  totalTokens: number;
}

export const ZERO_USAGE: Readonly<TokenUsage> = {
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cachedInputTokens: 0,
  totalTokens: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

export interface ModelRequest {
  system: string;
  prompt: string;
  signal?: AbortSignal;
}

export interface ModelAnswer {
  text: string;
  /** Reasoning / thinking text, when the provider returns it. */
  reasoning?: string;
  usage: TokenUsage;
  /** stop, length, content-filter, … (`length`: the answer was cut off). */
  finishReason: string;
  responseId?: string;
  /** The model id the provider says answered. */
  responseModel?: string;
  /** Settings the provider ignored (e.g. temperature on a reasoning model). */
  warnings: string[];
}

export interface ModelClient {
  readonly model: ModelSpec;
  /** Requests to the same endpoint share one concurrency limit. */
  readonly endpointKey: string;
  readonly settings: RequestSettings;
  complete(req: ModelRequest): Promise<ModelAnswer>;
}

export interface ClientOptions {
  apiKey?: string;
  baseUrl?: string;
  settings: RequestSettings;
  /** Per-request time limit in ms (long: reasoning models may think for many minutes). */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30 * 60_000;

/** Node's fetch gives up waiting for headers after 5 minutes; slow models need longer. */
function patientFetch(timeoutMs: number): typeof globalThis.fetch {
  const dispatcher = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: 30_000 });
  const f = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    }) as unknown as Promise<Response>;
  return f as typeof globalThis.fetch;
}

const COMPATIBLE_NAME = 'compatible';

function languageModel(model: ModelSpec, opts: ClientOptions, fetch: typeof globalThis.fetch): LanguageModel {
  const common = { apiKey: opts.apiKey, baseURL: opts.baseUrl, fetch };
  switch (model.provider) {
    case 'openai':
      // Chat completions, as the original (the SDK's default for `openai(id)` is the Responses API).
      return createOpenAI(common).chat(model.modelId);
    case 'anthropic':
      return createAnthropic(common)(model.modelId);
    case 'google':
      return createGoogleGenerativeAI(common)(model.modelId);
    case 'openai-compatible':
      if (!opts.baseUrl)
        throw new ModelSpecError(
          `${model.spec}: openai-compatible models need --base-url (e.g. http://localhost:8000/v1)`,
        );
      return createOpenAICompatible({
        name: COMPATIBLE_NAME,
        baseURL: opts.baseUrl,
        apiKey: opts.apiKey,
        fetch,
        includeUsage: true,
      })(model.modelId);
  }
}

type ProviderOptions = NonNullable<Parameters<typeof generateText>[0]['providerOptions']>;

function providerOptions(model: ModelSpec, s: RequestSettings): ProviderOptions | undefined {
  switch (model.provider) {
    case 'openai':
      return s.reasoningEffort ? { openai: { reasoningEffort: s.reasoningEffort } } : undefined;
    case 'anthropic':
      return s.thinkingBudget !== undefined
        ? { anthropic: { thinking: { type: 'enabled', budgetTokens: s.thinkingBudget } } }
        : undefined;
    case 'google':
      return s.thinkingBudget !== undefined
        ? { google: { thinkingConfig: { thinkingBudget: s.thinkingBudget } } }
        : undefined;
    case 'openai-compatible':
      return s.reasoningEffort ? { [COMPATIBLE_NAME]: { reasoningEffort: s.reasoningEffort } } : undefined;
  }
}

/** The SDK's maxOutputTokens: for Anthropic thinking it is added to the budget, so subtract it. */
function sdkMaxOutputTokens(model: ModelSpec, s: RequestSettings): number | undefined {
  if (s.maxOutputTokens === undefined) return undefined;
  if (model.provider === 'anthropic' && s.thinkingBudget !== undefined)
    return Math.max(1, s.maxOutputTokens - s.thinkingBudget);
  return s.maxOutputTokens;
}

function num(v: number | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function createModelClient(model: ModelSpec, opts: ClientOptions): ModelClient {
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const fetch = patientFetch(timeoutMs);
  const lm = languageModel(model, opts, fetch);
  const s = opts.settings;
  return {
    model,
    endpointKey: `${model.provider} ${opts.baseUrl ?? 'default'}`,
    settings: s,
    async complete(req: ModelRequest): Promise<ModelAnswer> {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const r = await generateText({
        model: lm,
        system: s.sendSystemPrompt ? req.system : undefined,
        prompt: req.prompt,
        temperature: s.temperature,
        maxOutputTokens: sdkMaxOutputTokens(model, s),
        maxRetries: 0,
        abortSignal: signal,
        providerOptions: providerOptions(model, s),
      });
      const u = r.usage;
      const inputTokens = num(u.inputTokens);
      const outputTokens = num(u.outputTokens);
      return {
        text: r.text,
        reasoning: r.reasoningText,
        usage: {
          inputTokens,
          outputTokens,
          reasoningTokens: num(u.reasoningTokens),
          cachedInputTokens: num(u.cachedInputTokens),
          totalTokens: u.totalTokens !== undefined ? num(u.totalTokens) : inputTokens + outputTokens,
        },
        finishReason: r.finishReason,
        responseId: r.response.id,
        responseModel: r.response.modelId,
        warnings: (r.warnings ?? []).map((w) =>
          'setting' in w
            ? `${w.type}: ${w.setting}${'details' in w && w.details ? ` (${w.details})` : ''}`
            : 'message' in w
              ? `${w.type}: ${w.message}`
              : w.type,
        ),
      };
    },
  };
}
