import { Command, Option } from 'commander';
import type { Framework, SafetyPrompt, SpecType } from '../../core/types.js';
import { getFramework } from '../../frameworks/index.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../generation/client.js';
import { REASONING_EFFORTS, type ReasoningEffort } from '../../generation/models.js';
import { PriceTableError, loadPriceTable } from '../../generation/prices.js';
import { readUsage } from '../../generation/usage.js';
import { generate, planGenerate, type GenerateOptions } from '../../index.js';
import { generationSummaryLines } from '../../report/runs.js';
import { CliError } from '../errors.js';
import {
  addSelectionOptions,
  addShardOptions,
  inputErrors,
  requireModels,
  resolveResultsDir,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  shardFrom,
  type SelectionFlags,
  type ShardFlags,
} from '../options.js';
import { Progress } from '../progress.js';

export interface GenerateFlags extends SelectionFlags, ShardFlags {
  baseUrl?: string;
  apiKeyEnv?: string;
  reasoningEffort: ReasoningEffort;
  /** Set by the action: whether --reasoning-effort was given (not just its default). */
  reasoningEffortExplicit?: boolean;
  thinkingBudget?: number;
  maxOutputTokens?: number;
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
  maxConcurrentRequests: number;
  requestTimeout: number;
  skipFailed?: boolean;
  priceTable?: string;
}

function nonNegInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag}: "${v}" is not a non-negative integer`);
    return n;
  };
}

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`${flag}: "${v}" is not a positive integer`);
    return n;
  };
}

function positiveNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(`${flag}: "${v}" is not a positive number`);
    return n;
  };
}

export function definedFramework(id: string): Framework {
  try {
    return getFramework(id);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export async function generateAction(flags: GenerateFlags): Promise<number> {
  const scenarioIds = selectScenarios(flags);
  const frameworks = selectFrameworks(flags).map(definedFramework);
  const resultsDir = resolveResultsDir(flags.resultsDir);
  const samples = sampleIndices(flags);
  const options: GenerateOptions = {
    models: requireModels(flags),
    scenarios: scenarioIds,
    frameworks: frameworks.map((f) => f.id),
    samples,
    temperature: flags.temperature,
    specType: flags.specType as SpecType,
    safetyPrompt: flags.safetyPrompt as SafetyPrompt,
    resultsDir,
    baseUrl: flags.baseUrl,
    apiKeyEnv: flags.apiKeyEnv,
    reasoningEffort: flags.reasoningEffortExplicit ? flags.reasoningEffort : undefined,
    thinkingBudget: flags.thinkingBudget,
    maxOutputTokens: flags.maxOutputTokens,
    maxRetries: flags.maxRetries,
    baseDelay: flags.baseDelay,
    maxDelay: flags.maxDelay,
    maxConcurrentRequests: flags.maxConcurrentRequests,
    requestTimeoutMs: flags.requestTimeout * 1000,
    skipFailed: flags.skipFailed === true,
    force: flags.force === true,
    priceTable: flags.priceTable,
    shard: shardFrom(flags),
  };
  const tasks = inputErrors(() => planGenerate(options));
  // the price table is read before any request: a bad one is one error line
  try {
    loadPriceTable(flags.priceTable);
  } catch (e) {
    if (e instanceof PriceTableError) throw new CliError(e.message);
    throw e;
  }
  if (options.shard) process.stderr.write(`shard ${options.shard}: ${tasks.length} task(s) of this selection\n`);
  const clients = [...new Map(tasks.map((t) => [t.client.model.folder, t.client])).values()];

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\ninterrupted: finishing writes, no new requests (samples already saved are kept)\n');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  const progress = new Progress(tasks.length * samples.length, 'generate');
  let summary;
  try {
    summary = await generate(
      {
        ...options,
        signal: controller.signal,
        onSample: (ev) => {
          const what =
            ev.status === 'generated'
              ? `${ev.files?.join(', ')}`
              : ev.status === 'skipped'
                ? `kept (${ev.reason})`
                : ev.status === 'failed'
                  ? `no code in the answer (${ev.reason})`
                  : `error: ${ev.reason}`;
          progress.tick(
            `${ev.task.key.model} ${ev.task.scenario.id} ${ev.task.framework.id} sample${ev.sample}: ${what}`,
          );
        },
      },
      tasks,
    );
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.end();
  }

  const report = await readUsage(resultsDir, {
    models: clients.map((c) => c.model.folder),
    scenarios: scenarioIds,
    frameworks: frameworks.map((f) => f.id),
    temperature: flags.temperature,
    specType: flags.specType as SpecType,
    safetyPrompt: flags.safetyPrompt as SafetyPrompt,
    samples,
  });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ run: summary, usage: report })}\n`);
  } else {
    process.stderr.write(`${generationSummaryLines(summary, report).join('\n')}\n`);
  }
  return summary.errors > 0 || controller.signal.aborted ? 1 : 0;
}

export function generateCommand(): Command {
  const cmd = new Command('generate').description(
    'ask models for samples: --models provider:model (openai:, anthropic:, google:, openai-compatible: with --base-url); writes code, raw answers, gen.log and token/cost accounting into the results tree',
  );
  addSelectionOptions(cmd, { models: 'required' });
  cmd
    .option(
      '--base-url <url>',
      'API base URL (required for openai-compatible:, e.g. http://localhost:8000/v1; optional proxy for the others)',
    )
    .option(
      '--api-key-env <name>',
      "environment variable holding the API key (default: the provider's usual one, e.g. OPENAI_API_KEY)",
    )
    .addOption(
      new Option('--reasoning-effort <level>', 'reasoning effort for reasoning models')
        .choices(REASONING_EFFORTS)
        .default('high'),
    )
    .option(
      '--thinking-budget <tokens>',
      "thinking budget (Anthropic extended thinking, Google); default: the model family's",
      positiveInt('--thinking-budget'),
    )
    .option(
      '--max-output-tokens <n>',
      'max output tokens per answer (default: per model family)',
      positiveInt('--max-output-tokens'),
    )
    .option('--max-retries <n>', 'retries on rate limits, server and network errors', nonNegInt('--max-retries'), 20)
    .option('--base-delay <seconds>', 'backoff base delay', positiveNumber('--base-delay'), 1.0)
    .option('--max-delay <seconds>', 'backoff max delay', positiveNumber('--max-delay'), 128)
    .option(
      '--max-concurrent-requests <n>',
      'requests in flight at once per provider endpoint',
      positiveInt('--max-concurrent-requests'),
      4,
    )
    .option(
      '--request-timeout <seconds>',
      'time limit of one request',
      positiveNumber('--request-timeout'),
      DEFAULT_REQUEST_TIMEOUT_MS / 1000,
    )
    .option('--skip-failed', 'keep samples whose earlier answer had no code (default: ask again)')
    .option('--price-table <file>', 'YAML/JSON price table merged over the bundled one (src/generation/prices.yaml)');
  addShardOptions(cmd, 'task');
  cmd.action(async (flags: GenerateFlags, command: Command) => {
    flags.reasoningEffortExplicit = command.getOptionValueSource('reasoningEffort') === 'cli';
    const code = await generateAction(flags);
    if (code !== 0) process.exitCode = code;
  });
  return cmd;
}
