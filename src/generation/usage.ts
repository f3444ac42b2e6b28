/**
 * Token and cost accounting. Each task folder holds gen_usage.json:
 *
 *   {
 *     "model": "openai:gpt-4o", "provider": "openai", "model_id": "gpt-4o",
 *     "samples": { "0": { "status": "generated", "attempts": 1, "input_tokens": …, "output_tokens": …,
 *                         "reasoning_tokens": …, "cached_input_tokens": …, "total_tokens": …,
 *                         "cost_usd": 0.0123 | null, "duration_ms": …, "finish_reason": "stop",
 *                         "files": ["app.js"], "generated_at": "…" }, … },
 *     "spent": { "requests": …, "input_tokens": …, …, "cost_usd": … | null, "unpriced_requests": … }
 *   }
 *
 * `samples` describes the generation that produced each sample now on disk (tokens of all its
 * attempts, retries included); `spent` adds up every request ever made for the task, also
 * those of samples regenerated later or of failed calls. cost_usd is null when the price
 * table does not know the model.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { taskDir, writeFileAtomic } from '../core/results.js';
import type { SafetyPrompt, SpecType, TaskKey } from '../core/types.js';
import { ZERO_USAGE, addUsage, type TokenUsage } from './client.js';
import { GEN_USAGE_FILE } from './layout.js';
import { costOf, priceFor, type PriceTable } from './prices.js';

export type SampleStatus = 'generated' | 'failed' | 'error';

export interface SampleUsageRecord {
  /** generated: code saved; failed: the answer had no code; error: no answer (API failure). */
  status: SampleStatus;
  reason?: string;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cached_input_tokens: number;
  total_tokens: number;
  cost_usd: number | null;
  duration_ms: number;
  finish_reason?: string;
  files?: string[];
  generated_at: string;
}

export interface SpentRecord {
  requests: number;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cached_input_tokens: number;
  total_tokens: number;
  /** Sum over priced requests; null when none was priced. */
  cost_usd: number | null;
  unpriced_requests: number;
}

export interface TaskUsageFile {
  model: string;
  provider: string;
  model_id: string;
  samples: Record<string, SampleUsageRecord>;
  spent: SpentRecord;
}

export function usageFields(
  u: TokenUsage,
): Pick<
  SampleUsageRecord,
  'input_tokens' | 'output_tokens' | 'reasoning_tokens' | 'cached_input_tokens' | 'total_tokens'
> {
  return {
    input_tokens: u.inputTokens,
    output_tokens: u.outputTokens,
    reasoning_tokens: u.reasoningTokens,
    cached_input_tokens: u.cachedInputTokens,
    total_tokens: u.totalTokens,
  };
}

function tokenUsageOf(
  r: Pick<
    SampleUsageRecord,
    'input_tokens' | 'output_tokens' | 'reasoning_tokens' | 'cached_input_tokens' | 'total_tokens'
  >,
): TokenUsage {
  return {
    inputTokens: r.input_tokens ?? 0,
    outputTokens: r.output_tokens ?? 0,
    reasoningTokens: r.reasoning_tokens ?? 0,
    cachedInputTokens: r.cached_input_tokens ?? 0,
    totalTokens: r.total_tokens ?? 0,
  };
}

const emptySpent = (): SpentRecord => ({
  requests: 0,
  ...usageFields(ZERO_USAGE),
  cost_usd: null,
  unpriced_requests: 0,
});

export async function readTaskUsage(file: string): Promise<TaskUsageFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<TaskUsageFile>;
    if (typeof o !== 'object' || o === null || typeof o.samples !== 'object' || o.samples === null) return undefined;
    return {
      model: o.model ?? '',
      provider: o.provider ?? '',
      model_id: o.model_id ?? '',
      samples: o.samples,
      spent: { ...emptySpent(), ...(o.spent ?? {}) },
    };
  } catch {
    return undefined;
  }
}

const locks = new Map<string, Promise<unknown>>();

/** Runs read-modify-write steps on one file one after another (within this process). */
function serialized<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(file) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

export interface UsageUpdate {
  meta: { model: string; provider: string; model_id: string };
  /** The record of the sample now on disk (omitted: the sample on disk is unchanged, e.g. after an API error that left the old one). */
  sample?: { index: number; record: SampleUsageRecord };
  /** Tokens of the requests just made (all attempts), their count and cost. */
  spent: { requests: number; usage: TokenUsage; costUsd: number | null };
}

export function usageFile(resultsDir: string, key: TaskKey): string {
  return path.join(taskDir(resultsDir, key), GEN_USAGE_FILE);
}

export async function recordUsage(file: string, update: UsageUpdate): Promise<void> {
  await serialized(file, async () => {
    const cur: TaskUsageFile = (await readTaskUsage(file)) ?? { ...update.meta, samples: {}, spent: emptySpent() };
    cur.model = update.meta.model;
    cur.provider = update.meta.provider;
    cur.model_id = update.meta.model_id;
    if (update.sample) cur.samples[String(update.sample.index)] = update.sample.record;
    const s = cur.spent;
    const total = addUsage(tokenUsageOf(s), update.spent.usage);
    Object.assign(s, usageFields(total));
    s.requests += update.spent.requests;
    if (update.spent.costUsd === null) s.unpriced_requests += update.spent.requests;
    else s.cost_usd = (s.cost_usd ?? 0) + update.spent.costUsd;
    const ordered: TaskUsageFile = {
      model: cur.model,
      provider: cur.provider,
      model_id: cur.model_id,
      samples: Object.fromEntries(Object.entries(cur.samples).sort((a, b) => Number(a[0]) - Number(b[0]))),
      spent: s,
    };
    await writeFileAtomic(file, `${JSON.stringify(ordered, null, 2)}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// reading a results tree (for evaluate and generate's summary)

export interface UsageSelection {
  /** Results folder names (as evaluate's --models). */
  models: readonly string[];
  scenarios: readonly string[];
  frameworks: readonly string[];
  temperature: number;
  specType: SpecType;
  safetyPrompt: SafetyPrompt;
  /** Sample indices to count; all recorded samples when omitted. */
  samples?: readonly number[];
}

export interface UsageTotals {
  /** Task folders that had a gen_usage.json. */
  tasks: number;
  /** Samples counted (any status). */
  samples: number;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cached_input_tokens: number;
  total_tokens: number;
  /** Cost of the counted samples whose model has a price; null when none had one. */
  cost_usd: number | null;
  /** Counted samples without a price. */
  unpriced_samples: number;
  /** All tokens / cost ever spent on these tasks (regenerations and failed calls included). */
  spent_total_tokens: number;
  spent_cost_usd: number | null;
}

export interface UsageReport {
  models: ({ model: string } & UsageTotals)[];
  total: UsageTotals;
}

const emptyTotals = (): UsageTotals => ({
  tasks: 0,
  samples: 0,
  ...usageFields(ZERO_USAGE),
  cost_usd: null,
  unpriced_samples: 0,
  spent_total_tokens: 0,
  spent_cost_usd: null,
});

function addCost(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

function mergeTotals(into: UsageTotals, t: UsageTotals): void {
  into.tasks += t.tasks;
  into.samples += t.samples;
  const sum = addUsage(tokenUsageOf(into), tokenUsageOf(t));
  Object.assign(into, usageFields(sum));
  into.cost_usd = addCost(into.cost_usd, t.cost_usd);
  into.unpriced_samples += t.unpriced_samples;
  into.spent_total_tokens += t.spent_total_tokens;
  into.spent_cost_usd = addCost(into.spent_cost_usd, t.spent_cost_usd);
}

/**
 * Adds up the generation usage of the selected tasks in a results tree. With `prices`, costs
 * are recomputed from the tokens with that table (else the costs recorded at generation time).
 * Tasks without gen_usage.json (e.g. samples from elsewhere) are skipped.
 */
export async function readUsage(
  resultsDir: string,
  sel: UsageSelection,
  opts: { prices?: PriceTable } = {},
): Promise<UsageReport> {
  const report: UsageReport = { models: [], total: emptyTotals() };
  for (const model of sel.models) {
    const totals = emptyTotals();
    for (const scenario of sel.scenarios) {
      for (const framework of sel.frameworks) {
        const key: TaskKey = {
          model,
          scenario,
          framework,
          temperature: sel.temperature,
          specType: sel.specType,
          safetyPrompt: sel.safetyPrompt,
        };
        const file = await readTaskUsage(usageFile(resultsDir, key));
        if (!file) continue;
        totals.tasks++;
        const price = opts.prices ? priceFor(opts.prices, file.model_id, file.provider) : undefined;
        for (const [idx, rec] of Object.entries(file.samples)) {
          if (sel.samples && !sel.samples.includes(Number(idx))) continue;
          totals.samples++;
          const u = tokenUsageOf(rec);
          const sum = addUsage(tokenUsageOf(totals), u);
          Object.assign(totals, usageFields(sum));
          const cost = opts.prices ? (price ? costOf(u, price) : null) : rec.cost_usd;
          if (cost === null || cost === undefined) totals.unpriced_samples++;
          else totals.cost_usd = (totals.cost_usd ?? 0) + cost;
        }
        totals.spent_total_tokens += file.spent.total_tokens;
        const spentCost = opts.prices ? (price ? costOf(tokenUsageOf(file.spent), price) : null) : file.spent.cost_usd;
        totals.spent_cost_usd = addCost(totals.spent_cost_usd, spentCost);
      }
    }
    report.models.push({ model, ...totals });
    mergeTotals(report.total, totals);
  }
  return report;
}
