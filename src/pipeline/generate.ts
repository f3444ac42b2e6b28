/**
 * generate: asks models for samples of many tasks, concurrently (with a limit per provider
 * endpoint), with retries, resumable (samples already on disk are kept unless forced), saving
 * code, raw answers, gen.log and token/cost accounting in the original's results layout.
 */
import { taskDir } from '../core/results.js';
import type { Framework, Scenario, TaskKey } from '../core/types.js';
import { APICallError } from 'ai';
import path from 'node:path';
import { ZERO_USAGE, addUsage, type ModelAnswer, type ModelClient, type TokenUsage } from '../generation/client.js';
import { GenLog, RULE } from '../generation/genlog.js';
import { GEN_LOG_FILE, sampleState, writeSample, type SampleState } from '../generation/layout.js';
import { ProviderLimits } from '../generation/limiter.js';
import { parseAnswer } from '../generation/parse.js';
import { costOf, priceFor, type PriceTable } from '../generation/prices.js';
import { buildPrompt, type TaskPrompt } from '../generation/prompt.js';
import { RetriesExhaustedError, TransientError, describeError, withRetries } from '../generation/retry.js';
import { recordUsage, usageFields, usageFile, type SampleStatus } from '../generation/usage.js';
import { mapLimit } from '../core/concurrency.js';

export interface GenerateTask {
  key: TaskKey;
  scenario: Scenario;
  framework: Framework;
  client: ModelClient;
}

export interface GenerateRetryOptions {
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface GenerateRunOptions {
  resultsDir: string;
  tasks: readonly GenerateTask[];
  samples: readonly number[];
  /** Regenerate samples that are already there. */
  force: boolean;
  /** Keep samples whose earlier answer had no code (otherwise they are generated again). */
  skipFailed: boolean;
  /** Requests in flight at once per provider endpoint. */
  maxConcurrentRequests: number;
  retry: GenerateRetryOptions;
  prices: PriceTable;
  signal?: AbortSignal;
  onSample?: (ev: SampleEvent) => void;
}

export interface SampleEvent {
  task: GenerateTask;
  sample: number;
  status: SampleStatus | 'skipped';
  reason?: string;
  files?: string[];
  usage?: TokenUsage;
  costUsd?: number | null;
  attempts?: number;
}

export interface GenerateSummary {
  generated: number;
  failed: number;
  errors: number;
  skipped: number;
  /** Attempts made (HTTP requests started). */
  requests: number;
  /** Tokens of this run (all attempts). */
  usage: TokenUsage;
  /** Cost of this run for priced models; null when no model was priced. */
  costUsd: number | null;
  /** Whether some tokens came from a model without a price. */
  unpriced: boolean;
  wallMs: number;
  /** One line per sample that got no answer. */
  errorMessages: string[];
}

/** One sample to ask for. */
interface Job {
  task: GenerateTask;
  sample: number;
  /** what was on disk before (a kept record in gen_usage.json describes it) */
  before: SampleState;
  prompt: TaskPrompt;
  log: GenLog;
}

/** What is shared by the samples of one run. */
interface RunContext {
  opts: GenerateRunOptions;
  summary: GenerateSummary;
  limits: ProviderLimits;
  /** clients that must not be asked again (an earlier request failed for good), and why */
  fatal: Map<ModelClient, string>;
}

/** Status codes after which further requests with the same client are pointless. */
const FATAL_STATUS = new Set([401, 403, 404]);

function fmtUsage(u: TokenUsage): string {
  return `input ${u.inputTokens}, output ${u.outputTokens}${u.reasoningTokens ? ` (reasoning ${u.reasoningTokens})` : ''}${u.cachedInputTokens ? `, cached input ${u.cachedInputTokens}` : ''}, total ${u.totalTokens}`;
}

function settingsLine(task: GenerateTask): string {
  const s = task.client.settings;
  const parts = [
    `model ${task.client.model.spec}`,
    `temperature ${s.temperature ?? 'not sent'}`,
    `max output tokens ${s.maxOutputTokens ?? 'provider default'}`,
  ];
  if (s.reasoningEffort) parts.push(`reasoning effort ${s.reasoningEffort}`);
  if (s.thinkingBudget !== undefined) parts.push(`thinking budget ${s.thinkingBudget}`);
  if (!s.sendSystemPrompt) parts.push('no system prompt');
  return parts.join(', ');
}

function costFor(opts: GenerateRunOptions, client: ModelClient, usage: TokenUsage): number | null {
  const price = priceFor(opts.prices, client.model.modelId, client.model.provider);
  return price ? costOf(usage, price) : null;
}

function usageMeta(client: ModelClient): { model: string; provider: string; model_id: string } {
  return { model: client.model.spec, provider: client.model.provider, model_id: client.model.modelId };
}

export async function runGeneration(opts: GenerateRunOptions): Promise<GenerateSummary> {
  const t0 = Date.now();
  const summary: GenerateSummary = {
    generated: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    requests: 0,
    usage: { ...ZERO_USAGE },
    costUsd: null,
    unpriced: false,
    wallMs: 0,
    errorMessages: [],
  };
  const jobs = await plan(opts, summary);
  const ctx: RunContext = { opts, summary, limits: new ProviderLimits(opts.maxConcurrentRequests), fatal: new Map() };
  const endpoints = new Set(jobs.map((j) => j.task.client.endpointKey)).size;
  await mapLimit(jobs, Math.max(1, opts.maxConcurrentRequests * Math.max(1, endpoints)), (job) =>
    generateSample(ctx, job),
  );
  summary.wallMs = Date.now() - t0;
  return summary;
}

// ---- plan: which samples to ask for ----

type Planned = { ask: { sample: number; before: SampleState }[]; keep: { sample: number; reason: string }[] };

/** A sample on disk is kept unless forced; one whose answer had no code only with skipFailed. */
function planTask(
  samples: readonly number[],
  states: readonly SampleState[],
  opts: Pick<GenerateRunOptions, 'force' | 'skipFailed'>,
): Planned {
  const planned: Planned = { ask: [], keep: [] };
  samples.forEach((sample, i) => {
    const before = states[i]!;
    if (!opts.force && (before === 'generated' || (before === 'failed' && opts.skipFailed)))
      planned.keep.push({
        sample,
        reason: before === 'failed' ? 'earlier answer had no code (--skip-failed)' : 'already generated',
      });
    else planned.ask.push({ sample, before });
  });
  return planned;
}

/** Reads what is on disk, reports the kept samples, and opens gen.log of each task with work to do. */
async function plan(opts: GenerateRunOptions, summary: GenerateSummary): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const task of opts.tasks) {
    const states = await Promise.all(opts.samples.map((s) => sampleState(opts.resultsDir, task.key, s)));
    const { ask, keep } = planTask(opts.samples, states, opts);
    for (const { sample, reason } of keep) {
      summary.skipped++;
      opts.onSample?.({ task, sample, status: 'skipped', reason });
    }
    if (ask.length === 0) continue;
    const { log, prompt } = await openTaskLog(
      opts,
      task,
      ask.map((a) => a.sample),
    );
    for (const { sample, before } of ask) jobs.push({ task, sample, before, prompt, log });
  }
  return jobs;
}

/** One sample: ask the model (unless its client is known to fail), then record what came back. */
async function generateSample(ctx: RunContext, job: Job): Promise<void> {
  if (ctx.opts.signal?.aborted) return;
  const started = Date.now();
  const known = ctx.fatal.get(job.task.client);
  if (known) {
    await recordNoAnswer(ctx, job, { reason: `skipped: ${known}`, attempts: 0, usage: { ...ZERO_USAGE } }, started);
    return;
  }
  const got = await request(ctx, job);
  spend(ctx, job.task.client, got);
  if (got.kind === 'interrupted') await job.log.write(`sample ${job.sample}: interrupted`);
  else if (got.kind === 'no-answer') {
    if (got.status !== undefined && FATAL_STATUS.has(got.status))
      ctx.fatal.set(job.task.client, `an earlier request failed with HTTP ${got.status}`);
    await recordNoAnswer(ctx, job, got, started);
  } else await recordAnswer(ctx, job, got, started);
}

// ---- request: the model, with retries ----

type Requested = { attempts: number; usage: TokenUsage } & (
  | { kind: 'answer'; answer: ModelAnswer }
  | { kind: 'no-answer'; reason: string /** HTTP status of the last failure */; status?: number }
  | { kind: 'interrupted' }
);

/** Asks for one sample, retrying transient failures (an empty answer is one); counts every attempt. */
async function request(ctx: RunContext, job: Job): Promise<Requested> {
  const { opts, limits } = ctx;
  const { client } = job.task;
  let attempts = 0;
  let usage: TokenUsage = { ...ZERO_USAGE };
  try {
    const answer = await withRetries(
      async () => {
        attempts++;
        const a = await limits
          .for(client.endpointKey)
          .run(() => client.complete({ system: job.prompt.system, prompt: job.prompt.user, signal: opts.signal }));
        usage = addUsage(usage, a.usage);
        if (a.text.trim() === '') throw new TransientError(`empty answer (finish reason ${a.finishReason})`);
        return a;
      },
      {
        ...opts.retry,
        signal: opts.signal,
        onRetry: ({ retry, delayMs, error }) => {
          void job.log.write(
            `sample ${job.sample}: attempt ${retry} failed: ${describeError(error)}; retrying in ${(delayMs / 1000).toFixed(2)} s`,
          );
        },
      },
    );
    return { kind: 'answer', answer, attempts, usage };
  } catch (e) {
    if (opts.signal?.aborted) return { kind: 'interrupted', attempts, usage };
    const last = e instanceof RetriesExhaustedError ? e.lastError : e;
    return {
      kind: 'no-answer',
      reason: e instanceof RetriesExhaustedError ? e.message : describeError(e),
      status: APICallError.isInstance(last) ? last.statusCode : undefined,
      attempts,
      usage,
    };
  }
}

/** Adds a sample's requests, tokens and cost to the run's totals. */
function spend(ctx: RunContext, client: ModelClient, got: Requested): void {
  const { summary } = ctx;
  summary.requests += got.attempts;
  summary.usage = addUsage(summary.usage, got.usage);
  const cost = costFor(ctx.opts, client, got.usage);
  if (cost === null) {
    if (got.usage.totalTokens > 0) summary.unpriced = true;
  } else summary.costUsd = (summary.costUsd ?? 0) + cost;
}

// ---- record: gen.log, the sample folder, gen_usage.json ----

/** Starts a task's gen.log entry for this run (a fresh log with force): settings and prompt. */
async function openTaskLog(
  opts: GenerateRunOptions,
  task: GenerateTask,
  samples: readonly number[],
): Promise<{ log: GenLog; prompt: TaskPrompt }> {
  const log = new GenLog(path.join(taskDir(opts.resultsDir, task.key), GEN_LOG_FILE));
  if (opts.force) await log.reset();
  const prompt = buildPrompt(task.scenario, task.framework, {
    specType: task.key.specType,
    safetyPrompt: task.key.safetyPrompt,
  });
  await log.write(
    `generating sample(s) ${samples.join(', ')} of ${task.scenario.id} × ${task.framework.id}`,
    `${settingsLine(task)}\n${RULE}\nsystem prompt:\n${task.client.settings.sendSystemPrompt ? prompt.system : '(not sent to this model)'}\n${RULE}\nprompt:\n${prompt.user}\n${RULE}`,
  );
  return { log, prompt };
}

/** No answer: the error goes to gen.log and gen_usage.json; the sample on disk is left as it was. */
async function recordNoAnswer(
  ctx: RunContext,
  job: Job,
  got: { reason: string; attempts: number; usage: TokenUsage },
  started: number,
): Promise<void> {
  const { opts, summary } = ctx;
  const { task, sample, log } = job;
  const { reason, attempts, usage } = got;
  const cost = costFor(opts, task.client, usage);
  summary.errors++;
  summary.errorMessages.push(`${task.key.model} ${task.scenario.id} ${task.framework.id} sample${sample}: ${reason}`);
  await log.write(
    `sample ${sample}: no answer after ${attempts} attempt(s) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${reason}`,
  );
  const record = {
    status: 'error' as const,
    reason,
    attempts,
    ...usageFields(usage),
    cost_usd: cost,
    duration_ms: Date.now() - started,
    generated_at: new Date().toISOString(),
  };
  // The record describes the sample on disk: keep an older sample's record when one is there.
  await recordUsage(usageFile(opts.resultsDir, task.key), {
    meta: usageMeta(task.client),
    sample: job.before === 'missing' ? { index: sample, record } : undefined,
    spent: { requests: attempts, usage, costUsd: cost },
  });
  opts.onSample?.({ task, sample, status: 'error', reason, usage, costUsd: cost, attempts });
}

/** An answer: its code (or the failed marker) becomes the sample folder, atomically; then gen.log and usage. */
async function recordAnswer(
  ctx: RunContext,
  job: Job,
  got: { answer: ModelAnswer; attempts: number; usage: TokenUsage },
  started: number,
): Promise<void> {
  const { opts, summary } = ctx;
  const { task, sample, log } = job;
  const { answer, attempts, usage } = got;
  const durationMs = Date.now() - started;
  const cost = costFor(opts, task.client, usage);
  const parsed = parseAnswer(answer.text, task.framework);
  const body = [
    `finish reason ${answer.finishReason}${answer.finishReason === 'length' ? ' (the answer was cut off at the token limit)' : ''}; tokens: ${fmtUsage(usage)}; cost ${cost === null ? 'unknown (model not in the price table)' : `$${cost.toFixed(6)}`}`,
    answer.responseId
      ? `response id ${answer.responseId}${answer.responseModel ? `, model ${answer.responseModel}` : ''}`
      : '',
    answer.warnings.length > 0 ? `provider warnings: ${answer.warnings.join('; ')}` : '',
    answer.reasoning ? `--- reasoning ---\n${answer.reasoning}` : '',
    `--- raw answer ---\n${answer.text}\n--- end of answer ---`,
    parsed.warnings.length > 0 ? `parse warnings: ${parsed.warnings.join('; ')}` : '',
    parsed.ok
      ? `saved ${Object.keys(parsed.files)
          .map((f) => `code/${f}`)
          .join(', ')}`
      : `no code in the answer: ${parsed.reason}; saved as a failed sample (code/failed, raw_answer.txt)`,
  ]
    .filter((l) => l !== '')
    .join('\n');
  await writeSample(
    opts.resultsDir,
    task.key,
    sample,
    parsed.ok ? { kind: 'code', files: parsed.files } : { kind: 'failed', reason: parsed.reason },
    answer.text,
  );
  await log.write(`sample ${sample}: answer after ${attempts} attempt(s) in ${(durationMs / 1000).toFixed(1)} s`, body);
  const status: SampleStatus = parsed.ok ? 'generated' : 'failed';
  const files = parsed.ok ? Object.keys(parsed.files).sort() : undefined;
  await recordUsage(usageFile(opts.resultsDir, task.key), {
    meta: usageMeta(task.client),
    sample: {
      index: sample,
      record: {
        status,
        ...(parsed.ok ? {} : { reason: parsed.reason }),
        attempts,
        ...usageFields(usage),
        cost_usd: cost,
        duration_ms: durationMs,
        finish_reason: answer.finishReason,
        ...(files ? { files } : {}),
        generated_at: new Date().toISOString(),
      },
    },
    spent: { requests: attempts, usage, costUsd: cost },
  });
  if (parsed.ok) summary.generated++;
  else summary.failed++;
  opts.onSample?.({
    task,
    sample,
    status,
    reason: parsed.ok ? undefined : parsed.reason,
    files,
    usage,
    costUsd: cost,
    attempts,
  });
}
