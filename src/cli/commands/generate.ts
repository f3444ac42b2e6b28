import { Command, Option } from 'commander';
import type { Framework, SafetyPrompt, Scenario, SpecType, TaskKey } from '../../core/types.js';
import { getFramework } from '../../frameworks/index.js';
import { createModelClient, DEFAULT_REQUEST_TIMEOUT_MS, type ModelClient } from '../../generation/client.js';
import {
  ModelSpecError,
  REASONING_EFFORTS,
  parseModelSpec,
  requestSettings,
  resolveApiKey,
  type ModelSpec,
  type ReasoningEffort,
} from '../../generation/models.js';
import { PriceTableError, loadPriceTable } from '../../generation/prices.js';
import { readUsage } from '../../generation/usage.js';
import { generationSummaryLines } from '../../report/runs.js';
import { runGeneration, type GenerateTask } from '../../pipeline/generate.js';
import { loadScenarios } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import {
  addSelectionOptions,
  requireModels,
  resolveResultsDir,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  type SelectionFlags,
} from '../options.js';
import { Progress } from '../progress.js';

export interface GenerateFlags extends SelectionFlags {
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

/** Parses the model specs and builds their clients; missing keys and bad ids are one-line errors. */
export function buildClients(
  flags: GenerateFlags,
  env: NodeJS.ProcessEnv = process.env,
): { model: ModelSpec; client: ModelClient }[] {
  const out: { model: ModelSpec; client: ModelClient }[] = [];
  const seen = new Set<string>();
  for (const spec of requireModels(flags)) {
    try {
      const model = parseModelSpec(spec);
      if (seen.has(model.folder))
        throw new ModelSpecError(`${spec}: two models would share the results folder "${model.folder}"`);
      seen.add(model.folder);
      const key = resolveApiKey(model, env, { apiKeyEnv: flags.apiKeyEnv, baseUrl: flags.baseUrl });
      const settings = requestSettings(model, {
        temperature: flags.temperature,
        reasoningEffort: flags.reasoningEffort,
        reasoningEffortExplicit: flags.reasoningEffortExplicit === true,
        maxOutputTokens: flags.maxOutputTokens,
        thinkingBudget: flags.thinkingBudget,
        baseUrl: flags.baseUrl,
      });
      const client = createModelClient(model, {
        apiKey: key.apiKey,
        baseUrl: flags.baseUrl,
        settings,
        requestTimeoutMs: flags.requestTimeout * 1000,
      });
      out.push({ model, client });
    } catch (e) {
      if (e instanceof ModelSpecError) throw new CliError(e.message);
      throw e;
    }
  }
  return out;
}

export async function generateAction(flags: GenerateFlags): Promise<number> {
  const scenarioIds = selectScenarios(flags);
  const frameworks = selectFrameworks(flags).map(definedFramework);
  const clients = buildClients(flags);
  let prices;
  try {
    prices = loadPriceTable(flags.priceTable);
  } catch (e) {
    if (e instanceof PriceTableError) throw new CliError(e.message);
    throw e;
  }
  const resultsDir = resolveResultsDir(flags.resultsDir);
  const samples = sampleIndices(flags);
  const scenarios: Scenario[] = loadScenarios(scenarioIds);
  const tasks: GenerateTask[] = [];
  for (const { model, client } of clients) {
    for (const scenario of scenarios) {
      for (const framework of frameworks) {
        const key: TaskKey = {
          model: model.folder,
          scenario: scenario.id,
          framework: framework.id,
          temperature: flags.temperature,
          specType: flags.specType as SpecType,
          safetyPrompt: flags.safetyPrompt as SafetyPrompt,
        };
        tasks.push({ key, scenario, framework, client });
      }
    }
  }

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\ninterrupted: finishing writes, no new requests (samples already saved are kept)\n');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  const progress = new Progress(tasks.length * samples.length, 'generate');
  let summary;
  try {
    summary = await runGeneration({
      resultsDir,
      tasks,
      samples,
      force: flags.force === true,
      skipFailed: flags.skipFailed === true,
      maxConcurrentRequests: flags.maxConcurrentRequests,
      retry: { maxRetries: flags.maxRetries, baseDelay: flags.baseDelay, maxDelay: flags.maxDelay },
      prices,
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
    });
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
  cmd.action(async (flags: GenerateFlags, command: Command) => {
    flags.reasoningEffortExplicit = command.getOptionValueSource('reasoningEffort') === 'cli';
    const code = await generateAction(flags);
    if (code !== 0) process.exitCode = code;
  });
  return cmd;
}
