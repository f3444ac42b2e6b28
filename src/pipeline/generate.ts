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

interface Job {
  task: GenerateTask;
  sample: number;
  before: SampleState;
  prompt: TaskPrompt;
  log: GenLog;
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

  // Plan: which samples of which task need an answer.
  const jobs: Job[] = [];
  for (const task of opts.tasks) {
    const states = await Promise.all(opts.samples.map((s) => sampleState(opts.resultsDir, task.key, s)));
    const todo: { sample: number; before: SampleState }[] = [];
    opts.samples.forEach((sample, i) => {
      const st = states[i]!;
      const keep = !opts.force && (st === 'generated' || (st === 'failed' && opts.skipFailed));
      if (keep) {
        summary.skipped++;
        opts.onSample?.({
          task,
          sample,
          status: 'skipped',
          reason: st === 'failed' ? 'earlier answer had no code (--skip-failed)' : 'already generated',
        });
      } else todo.push({ sample, before: st });
    });
    if (todo.length === 0) continue;
    const log = new GenLog(path.join(taskDir(opts.resultsDir, task.key), GEN_LOG_FILE));
    if (opts.force) await log.reset();
    const prompt = buildPrompt(task.scenario, task.framework, {
      specType: task.key.specType,
      safetyPrompt: task.key.safetyPrompt,
    });
    await log.write(
      `generating sample(s) ${todo.map((t) => t.sample).join(', ')} of ${task.scenario.id} × ${task.framework.id}`,
      `${settingsLine(task)}\n${RULE}\nsystem prompt:\n${task.client.settings.sendSystemPrompt ? prompt.system : '(not sent to this model)'}\n${RULE}\nprompt:\n${prompt.user}\n${RULE}`,
    );
    for (const t of todo) jobs.push({ task, sample: t.sample, before: t.before, prompt, log });
  }

  const limits = new ProviderLimits(opts.maxConcurrentRequests);
  const endpoints = new Set(jobs.map((j) => j.task.client.endpointKey)).size;
  const fatal = new Map<ModelClient, string>();

  await mapLimit(jobs, Math.max(1, opts.maxConcurrentRequests * Math.max(1, endpoints)), async (job) => {
    if (opts.signal?.aborted) return;
    const { task, sample, log } = job;
    const client = task.client;
    const price = priceFor(opts.prices, client.model.modelId, client.model.provider);
    const started = Date.now();
    let usage: TokenUsage = { ...ZERO_USAGE };
    let attempts = 0;
    const meta = { model: client.model.spec, provider: client.model.provider, model_id: client.model.modelId };
    const costOrNull = (u: TokenUsage): number | null => (price ? costOf(u, price) : null);
    const recordError = async (reason: string): Promise<void> => {
      summary.errors++;
      summary.errorMessages.push(
        `${task.key.model} ${task.scenario.id} ${task.framework.id} sample${sample}: ${reason}`,
      );
      await log.write(
        `sample ${sample}: no answer after ${attempts} attempt(s) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${reason}`,
      );
      const record = {
        status: 'error' as const,
        reason,
        attempts,
        ...usageFields(usage),
        cost_usd: costOrNull(usage),
        duration_ms: Date.now() - started,
        generated_at: new Date().toISOString(),
      };
      // The record describes the sample on disk: keep an older sample's record when one is there.
      await recordUsage(usageFile(opts.resultsDir, task.key), {
        meta,
        sample: job.before === 'missing' ? { index: sample, record } : undefined,
        spent: { requests: attempts, usage, costUsd: costOrNull(usage) },
      });
      opts.onSample?.({ task, sample, status: 'error', reason, usage, costUsd: costOrNull(usage), attempts });
    };

    const known = fatal.get(client);
    if (known) {
      await recordError(`skipped: ${known}`);
      return;
    }

    let answer: ModelAnswer;
    try {
      answer = await withRetries(
        async () => {
          attempts++;
          summary.requests++;
          const a = await limits
            .for(client.endpointKey)
            .run(() => client.complete({ system: job.prompt.system, prompt: job.prompt.user, signal: opts.signal }));
          usage = addUsage(usage, a.usage);
          summary.usage = addUsage(summary.usage, a.usage);
          if (a.text.trim() === '') throw new TransientError(`empty answer (finish reason ${a.finishReason})`);
          return a;
        },
        {
          ...opts.retry,
          signal: opts.signal,
          onRetry: ({ retry, delayMs, error }) => {
            void log.write(
              `sample ${sample}: attempt ${retry} failed: ${describeError(error)}; retrying in ${(delayMs / 1000).toFixed(2)} s`,
            );
          },
        },
      );
    } catch (e) {
      if (opts.signal?.aborted) {
        await log.write(`sample ${sample}: interrupted`);
        return;
      }
      const last = e instanceof RetriesExhaustedError ? e.lastError : e;
      const status = APICallError.isInstance(last) ? last.statusCode : undefined;
      const reason = e instanceof RetriesExhaustedError ? e.message : describeError(e);
      if (status !== undefined && FATAL_STATUS.has(status))
        fatal.set(client, `an earlier request failed with HTTP ${status}`);
      await recordError(reason);
      return;
    } finally {
      const cost = costOrNull(usage);
      if (cost === null) {
        if (usage.totalTokens > 0) summary.unpriced = true;
      } else summary.costUsd = (summary.costUsd ?? 0) + cost;
    }

    const durationMs = Date.now() - started;
    const cost = costOrNull(usage);
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
    await log.write(
      `sample ${sample}: answer after ${attempts} attempt(s) in ${(durationMs / 1000).toFixed(1)} s`,
      body,
    );
    const status: SampleStatus = parsed.ok ? 'generated' : 'failed';
    const files = parsed.ok ? Object.keys(parsed.files).sort() : undefined;
    await recordUsage(usageFile(opts.resultsDir, task.key), {
      meta,
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
  });

  summary.wallMs = Date.now() - t0;
  return summary;
}
