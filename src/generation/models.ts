/**
 * Model ids on the command line (`provider:model`), where their keys come from, and the request
 * settings each model family gets (max output tokens, thinking budgets, reasoning effort,
 * whether it takes a temperature and a system prompt).
 *
 * The numbers in the tables are the original harness's (facts about the models and about how
 * the paper's results were produced).
 */
import { esc } from '../core/results.js';

export const PROVIDERS = ['openai', 'anthropic', 'google', 'openai-compatible'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export interface ModelSpec {
  /** As given: `openai:gpt-4o`, `openai-compatible:fake-coder`, or a bare id whose provider was inferred. */
  readonly spec: string;
  readonly provider: ProviderName;
  /** The id sent to the API (after the provider prefix). */
  readonly modelId: string;
  /** The results folder name: the model id with '/' → '-'. */
  readonly folder: string;
}

export class ModelSpecError extends Error {
  override name = 'ModelSpecError';
}

function isProvider(s: string): s is ProviderName {
  return (PROVIDERS as readonly string[]).includes(s);
}

/** Guesses the provider of a bare model id (as the original did by name); undefined when unsure. */
export function inferProvider(modelId: string): ProviderName | undefined {
  if (/^claude/.test(modelId)) return 'anthropic';
  if (/^(gpt-|chatgpt-|o\d)/.test(modelId)) return 'openai';
  if (/^gemini/.test(modelId)) return 'google';
  return undefined;
}

/** Parses `provider:model` (the model id may itself contain ':' and '/'). */
export function parseModelSpec(spec: string): ModelSpec {
  const s = spec.trim();
  const colon = s.indexOf(':');
  const prefix = colon === -1 ? '' : s.slice(0, colon);
  let provider: ProviderName | undefined;
  let modelId: string;
  if (colon !== -1 && isProvider(prefix)) {
    provider = prefix;
    modelId = s.slice(colon + 1);
  } else {
    modelId = s;
    provider = inferProvider(s);
    if (!provider) {
      throw new ModelSpecError(
        `model "${spec}": give its provider, e.g. openai:${s}, anthropic:${s}, google:${s} or openai-compatible:${s} (with --base-url)`,
      );
    }
  }
  if (modelId === '') throw new ModelSpecError(`model "${spec}": the model id after "${prefix}:" is empty`);
  return { spec: s, provider, modelId, folder: esc(modelId) };
}

// ---------------------------------------------------------------------------------------------
// keys

/** The environment variables each provider's key is read from, first found wins. */
export const DEFAULT_KEY_ENVS: Readonly<Record<ProviderName, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  google: ['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  'openai-compatible': [],
};

/** Well-known OpenAI-compatible hosts and their usual key variables. */
const COMPATIBLE_HOST_KEYS: readonly [RegExp, string][] = [
  [/(^|\.)openrouter\.ai$/, 'OPENROUTER_API_KEY'],
  [/(^|\.)together\.(xyz|ai)$/, 'TOGETHER_API_KEY'],
  [/(^|\.)deepseek\.com$/, 'DEEPSEEK_API_KEY'],
  [/(^|\.)groq\.com$/, 'GROQ_API_KEY'],
  [/(^|\.)fireworks\.ai$/, 'FIREWORKS_API_KEY'],
  [/(^|\.)mistral\.ai$/, 'MISTRAL_API_KEY'],
  [/(^|\.)x\.ai$/, 'XAI_API_KEY'],
];

export interface KeyLookup {
  /** The variable the key came from (undefined: none needed, e.g. a local server). */
  envName?: string;
  apiKey?: string;
}

/**
 * Finds the API key of a model: `--api-key-env NAME` when given (must be set), else the
 * provider's usual variables. OpenAI-compatible servers need no key unless their host is a
 * known service. Throws a one-line message when a needed key is missing.
 */
export function resolveApiKey(
  model: ModelSpec,
  env: NodeJS.ProcessEnv,
  opts: { apiKeyEnv?: string; baseUrl?: string },
): KeyLookup {
  if (opts.apiKeyEnv) {
    const v = env[opts.apiKeyEnv];
    if (!v)
      throw new ModelSpecError(
        `${model.spec}: the environment variable ${opts.apiKeyEnv} (from --api-key-env) is not set or empty`,
      );
    return { envName: opts.apiKeyEnv, apiKey: v };
  }
  let names = DEFAULT_KEY_ENVS[model.provider];
  if (model.provider === 'openai-compatible') {
    let host = '';
    try {
      host = opts.baseUrl ? new URL(opts.baseUrl).hostname : '';
    } catch {
      host = '';
    }
    const known = COMPATIBLE_HOST_KEYS.find(([re]) => re.test(host));
    if (!known) return {};
    names = [known[1]];
  }
  for (const n of names) if (env[n]) return { envName: n, apiKey: env[n] };
  throw new ModelSpecError(
    `${model.spec}: no API key: set ${names.join(' or ')}, or name the variable that holds it with --api-key-env NAME`,
  );
}

// ---------------------------------------------------------------------------------------------
// request settings (the original's tables)

/** OpenAI: max_completion_tokens per model (original). */
export const OPENAI_MAX_COMPLETION_TOKENS: Readonly<Record<string, number>> = {
  'gpt-4o': 16384,
  'chatgpt-4o-latest': 16384,
  o1: 100000,
  'o1-mini': 65536,
  'o3-mini': 100000,
  'gpt-4.1-2025-04-14': 32000,
  'gpt-4.1-mini-2025-04-14': 32000,
  'o3-2025-04-16': 100000,
  'o4-mini-2025-04-16': 100000,
  'gpt-5-2025-08-07': 128000,
};

/** The same limits by family, for ids the table does not list (longest prefix wins). */
const OPENAI_FAMILY_MAX_TOKENS: readonly [string, number][] = [
  ['gpt-5', 128000],
  ['gpt-4.1', 32000],
  ['gpt-4o', 16384],
  ['chatgpt-4o', 16384],
  ['o1-mini', 65536],
  ['o1', 100000],
  ['o3', 100000],
  ['o4', 100000],
];

/** Anthropic models run with extended thinking: max_tokens, the thinking budget being one less (original). */
export const ANTHROPIC_THINKING_LENGTHS: Readonly<Record<string, number>> = {
  'claude-opus-4-20250514': 32000,
  'claude-sonnet-4-20250514': 64000,
  'claude-3-7-sonnet-20250219': 64000,
  'claude-opus-4-1-20250805': 32000,
};

/** Answer tokens on top of an explicit --thinking-budget for Anthropic models the table does not list. */
export const ANTHROPIC_ANSWER_ROOM = 8192;

/** Context lengths of models served through OpenAI-compatible hosts (Together, OpenRouter); max tokens = length − 3000 (original). */
export const HOSTED_CONTEXT_LENGTHS: Readonly<Record<string, number>> = {
  'mistralai/Mixtral-8x22B-Instruct-v0.1': 65536,
  'meta-llama/Llama-3.3-70B-Instruct-Turbo': 131072,
  'meta-llama/Llama-3.3-70B-Instruct-Turbo-Free': 8100,
  'deepseek-ai/DeepSeek-V3': 131072,
  'Qwen/Qwen2.5-Coder-32B-Instruct': 32768,
  'Qwen/Qwen2.5-72B-Instruct-Turbo': 32768,
  'Qwen/Qwen2.5-7B-Instruct-Turbo': 32768,
  'deepseek-ai/DeepSeek-R1': 164000,
  'google/gemma-2-27b-it': 8192,
  'deepseek-ai/DeepSeek-R1-Distill-Llama-70B': 131072,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B': 131072,
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B': 131072,
  'Qwen/QwQ-32B': 32768,
  'qwen/qwq-32b': 128000,
  'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8': 524288,
  'meta-llama/Llama-4-Scout-17B-16E-Instruct': 327680,
  'google/gemini-2.5-pro-preview-03-25': 65000,
  'mistralai/mistral-small-3.1-24b-instruct': 33000,
  'google/gemma-3-27b-it': 32000,
  'meta-llama/llama-4-scout': 32000,
  'deepseek/deepseek-chat-v3-0324': 16000,
  'mistral/ministral-8b': 128000,
  'x-ai/grok-3-beta': 128000,
  'x-ai/grok-3-mini-beta': 128000,
  'Qwen/Qwen3-235B-A22B-fp8-tput': 40000,
  'qwen/qwen3-235b-a22b': 40000,
  'deepseek/deepseek-r1-0528': 32000,
  'x-ai/grok-4': 256000,
  'qwen/qwen3-coder': 32000,
};

/** Context lengths of models the original served itself with vLLM; max tokens = length − 3000. */
export const SELF_HOSTED_CONTEXT_LENGTHS: Readonly<Record<string, number>> = {
  'agentica-org/DeepCoder-14B-Preview': 32000,
  'openai/gpt-oss-120b': 16384,
  'openai/gpt-oss-20b': 16384,
};

/** Max tokens when a hosted (resp. self-hosted) model is in no table (original). */
export const HOSTED_DEFAULT_MAX_TOKENS = 8192;
export const SELF_HOSTED_DEFAULT_MAX_TOKENS = 29000;
const CONTEXT_RESERVE = 3000;

export interface RequestSettingsInput {
  temperature: number;
  /** --reasoning-effort; the original's default is high. */
  reasoningEffort: ReasoningEffort;
  /** Whether --reasoning-effort was given explicitly (then it is also sent to compatible servers). */
  reasoningEffortExplicit?: boolean;
  /** --max-output-tokens: overrides the tables. */
  maxOutputTokens?: number;
  /** --thinking-budget: enables/sets extended thinking (Anthropic) or the thinking budget (Google). */
  thinkingBudget?: number;
  baseUrl?: string;
}

/** What one request carries besides the prompt. */
export interface RequestSettings {
  /** undefined: the model does not take one (reasoning models, Anthropic thinking). */
  temperature?: number;
  maxOutputTokens?: number;
  /** Whether the system prompt is sent (the original sent none to o1-mini and to Anthropic thinking runs). */
  sendSystemPrompt: boolean;
  reasoningEffort?: ReasoningEffort;
  /** Anthropic extended thinking / Google thinking budget, in tokens. */
  thinkingBudget?: number;
}

/** o-series and gpt-5 models: reasoning models (no temperature; reasoning effort). */
export function isOpenAIReasoningModel(modelId: string): boolean {
  return /^o\d/.test(modelId) || /^gpt-5/.test(modelId);
}

function isLoopbackOrPrivate(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '0.0.0.0' ||
    host.endsWith('.local')
  );
}

function longestPrefix(table: readonly [string, number][], id: string): number | undefined {
  let best: [string, number] | undefined;
  for (const entry of table) if (id.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1];
}

/** The settings of one request for a model, following the original's per-family rules. */
export function requestSettings(model: ModelSpec, input: RequestSettingsInput): RequestSettings {
  const id = model.modelId;
  switch (model.provider) {
    case 'openai': {
      const reasoning = isOpenAIReasoningModel(id);
      return {
        temperature: reasoning ? undefined : input.temperature,
        maxOutputTokens:
          input.maxOutputTokens ?? OPENAI_MAX_COMPLETION_TOKENS[id] ?? longestPrefix(OPENAI_FAMILY_MAX_TOKENS, id),
        sendSystemPrompt: !id.startsWith('o1-mini'),
        // As the original: o1-mini takes no reasoning effort.
        reasoningEffort: reasoning && !id.startsWith('o1-mini') ? input.reasoningEffort : undefined,
      };
    }
    case 'anthropic': {
      const length = ANTHROPIC_THINKING_LENGTHS[id];
      if (input.thinkingBudget !== undefined || length !== undefined) {
        // The original: max_tokens = the table's length, thinking budget = one less. With an
        // explicit budget and no table entry, leave room for an answer after the thinking.
        const budget = input.thinkingBudget ?? (input.maxOutputTokens ?? length!) - 1;
        const max = input.maxOutputTokens ?? length ?? budget + ANTHROPIC_ANSWER_ROOM;
        return { maxOutputTokens: Math.max(max, budget + 1), thinkingBudget: budget, sendSystemPrompt: false };
      }
      return {
        temperature: input.temperature,
        maxOutputTokens: input.maxOutputTokens ?? (id.includes('claude-3-5-') ? 8192 : 4096),
        sendSystemPrompt: true,
      };
    }
    case 'google': {
      const hosted = HOSTED_CONTEXT_LENGTHS[`google/${id}`];
      return {
        temperature: input.temperature,
        maxOutputTokens:
          input.maxOutputTokens ?? (hosted !== undefined ? hosted - CONTEXT_RESERVE : HOSTED_DEFAULT_MAX_TOKENS),
        sendSystemPrompt: true,
        thinkingBudget: input.thinkingBudget,
      };
    }
    case 'openai-compatible': {
      const selfHosted = isLoopbackOrPrivate(input.baseUrl);
      const context = HOSTED_CONTEXT_LENGTHS[id] ?? SELF_HOSTED_CONTEXT_LENGTHS[id];
      const fallback = selfHosted ? SELF_HOSTED_DEFAULT_MAX_TOKENS : HOSTED_DEFAULT_MAX_TOKENS;
      // The original sent a reasoning effort to gpt-oss models (and grok-3-mini, at high).
      const wantsEffort =
        input.reasoningEffortExplicit === true || /gpt-oss/.test(id) || id === 'x-ai/grok-3-mini-beta';
      return {
        temperature: input.temperature,
        maxOutputTokens: input.maxOutputTokens ?? (context !== undefined ? context - CONTEXT_RESERVE : fallback),
        sendSystemPrompt: true,
        reasoningEffort: wantsEffort ? input.reasoningEffort : undefined,
      };
    }
  }
}
