/**
 * baxbench as a library — the package's entry, and what the CLI calls.
 *
 * ```ts
 * import { scoreSample, close } from 'baxbench';
 * const s = await scoreSample({ scenario: 'Login', framework: 'JavaScript-express', files: { 'app.js': code } });
 * const reward = s.secure ? 1 : 0; // correct (every functional test passes) and no CWE proven
 * await close();
 * ```
 *
 * - Catalogs: `scenarios`, `frameworks` (with their tests, contracts and references), `getScenario`,
 *   `getFramework`, `SCENARIO_IDS`, `FRAMEWORK_IDS`, `CWE`.
 * - Scoring in-process: `scoreSample` (one shared scorer, released by `close()`), or `createScorer`
 *   for a scorer of one's own. Images and warm instances are kept across calls.
 * - Whole runs over a results tree (the original's layout), as the commands do: `generate`,
 *   `test`, `evaluate`; sharding over machines with `shard` (see `resolveShard`).
 */
import { CWE, type CweNum } from './core/cwe.js';
import type { Framework, SafetyPrompt, SampleFiles, Scenario, SpecType, TaskKey, TestLog } from './core/types.js';
import { SAFETY_PROMPTS, SPEC_TYPES } from './core/types.js';
import { FRAMEWORK_IDS, ALL_FRAMEWORKS, getFramework as frameworkById, isFrameworkId } from './frameworks/index.js';
import { applyFrameworkVariant, isFrameworkVariantName, type FrameworkVariantName } from './frameworks/variants.js';
import { buildClients } from './generation/clients.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './generation/client.js';
import type { ReasoningEffort } from './generation/models.js';
import { parseAnswer as parseModelAnswer, type ParseOutcome } from './generation/parse.js';
import { buildPrompt, type TaskPrompt } from './generation/prompt.js';
import { loadPriceTable } from './generation/prices.js';
import { evaluate as evaluateTree, type EvaluateOutcome } from './pipeline/evaluate.js';
import {
  runGeneration,
  type GenerateSummary,
  type GenerateTask,
  type SampleEvent as GenerateSampleEvent,
} from './pipeline/generate.js';
import { Scorer, type Score, type ScorerOptions } from './pipeline/score.js';
import { resolveShard, sampleKey, selectShard, type Shard } from './pipeline/shard.js';
import {
  defaultConcurrency,
  defaultWarmInstances,
  materializeReferenceJobs,
  planTestJobs,
  runTests,
  type SampleEvent as TestSampleEvent,
  type SampleJob,
  type TestRunSummary,
} from './pipeline/test.js';
import { ensureVariantBases } from './pipeline/variant-bases.js';
import {
  createSandbox,
  DEFAULT_SANDBOX_BACKEND,
  sandboxBackend,
  type BuildProgress,
  type Sandbox,
} from './sandbox/index.js';
import { SCENARIO_IDS, SCENARIOS, isScenarioId } from './scenarios/index.js';

// ---------------------------------------------------------------------------------------------
// Types

export type { CweEntry, TestResult } from './core/results.js';
export type { CweInfo, CweNum } from './core/cwe.js';
export type {
  AppInstance,
  Framework,
  FunctionalTest,
  ReferenceSample,
  SafetyPrompt,
  SampleFiles,
  Scenario,
  SecurityTest,
  SpecType,
  TaskKey,
  TestLog,
} from './core/types.js';
export type { FrameworkVariantName } from './frameworks/variants.js';
export type { ReasoningEffort } from './generation/models.js';
export type {
  EvaluateOutcome,
  EvaluationReport,
  Figures,
  ModelSummary,
  TaskEvaluation,
} from './pipeline/evaluate.js';
export type { GenerateSummary, SampleEvent as GenerateSampleEvent } from './pipeline/generate.js';
export type { Score, ScorerOptions } from './pipeline/score.js';
export type { Shard } from './pipeline/shard.js';
export type { SampleEvent as TestSampleEvent, SampleJob, SampleStatus, TestRunSummary } from './pipeline/test.js';
export type { BuildProgress, Sandbox } from './sandbox/index.js';
export type { SampleTimings, TestOutcome, TestTimings } from './testing/run-sample.js';

export { HarnessError, SampleAbortedError } from './testing/run-sample.js';
export { ModelSpecError } from './generation/models.js';
export { ShardError, parseShard, resolveShard, selectShard } from './pipeline/shard.js';
export { VariantBaseError } from './pipeline/variant-bases.js';
export { SandboxUnavailableError } from './sandbox/index.js';
export {
  defaultConcurrency,
  defaultWarmInstances,
  machineConcurrency,
  machineFacts,
  REFERENCE_MODEL,
} from './pipeline/test.js';

// ---------------------------------------------------------------------------------------------
// Catalogs

/** The 28 scenarios: contracts (`apiSpec`, `textSpec`), tests, CWEs per test, bundled references. */
export const scenarios: readonly Scenario[] = SCENARIOS;
/** The 14 frameworks (the original's env ids, images, file layout). */
export const frameworks: readonly Framework[] = ALL_FRAMEWORKS;
export { CWE, FRAMEWORK_IDS, SCENARIO_IDS, SAFETY_PROMPTS, SPEC_TYPES };

/** A wrong id or option given to the library; the message is one line saying what is valid. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The scenario with this id (e.g. `Login`). */
export function getScenario(id: string): Scenario {
  if (!isScenarioId(id)) throw new InputError(`unknown scenario "${id}"; valid: ${SCENARIO_IDS.join(', ')}`);
  return SCENARIOS.find((s) => s.id === id)!;
}

/** The framework with this id (e.g. `JavaScript-express`), run as `variant` when given (e.g. `debian`). */
export function getFramework(id: string, variant?: FrameworkVariantName): Framework {
  if (!isFrameworkId(id)) throw new InputError(`unknown framework "${id}"; valid: ${FRAMEWORK_IDS.join(', ')}`);
  if (variant !== undefined && !isFrameworkVariantName(variant))
    throw new InputError(`unknown framework variant "${String(variant)}"`);
  return applyFrameworkVariant(frameworkById(id), variant);
}

/** A CWE's name and description (as test_results.json stores it). */
export function cweInfo(num: CweNum): (typeof CWE)[CweNum] {
  return CWE[num];
}

// ---------------------------------------------------------------------------------------------
// A task's prompt and a model's answer

export type { ParseOutcome } from './generation/parse.js';
export type { TaskPrompt } from './generation/prompt.js';

export interface TaskSelection {
  /** Scenario id or Scenario. */
  scenario: string | Scenario;
  /** Framework id or Framework. */
  framework: string | Framework;
  /** Default openapi. */
  specType?: SpecType;
  /** Default none. */
  safetyPrompt?: SafetyPrompt;
}

/** The system and user messages a model gets for a task (what `baxbench prompt` prints). */
export function taskPrompt(task: TaskSelection): TaskPrompt {
  return buildPrompt(toScenario(task.scenario), toFramework(task.framework), {
    specType: task.specType ?? 'openapi',
    safetyPrompt: task.safetyPrompt ?? 'none',
  });
}

/**
 * A model's raw answer → the sample's files, as `generate` parses it (<CODE> blocks, <FILEPATH>/<CODE>
 * pairs for multi-file frameworks, forgiving of prose and fences). `ok: false` when it holds no code.
 */
export function parseAnswer(answer: string, framework: string | Framework): ParseOutcome {
  return parseModelAnswer(answer, toFramework(framework));
}

// ---------------------------------------------------------------------------------------------
// Scoring one sample

export interface ScoreSampleInput {
  /** Scenario id (e.g. `Login`) or a Scenario. */
  scenario: string | Scenario;
  /** Framework id (e.g. `JavaScript-express`) or a Framework. */
  framework: string | Framework;
  /** Run the framework as this variant (e.g. `debian`), when given by id. */
  variant?: FrameworkVariantName;
  /**
   * The sample's code, relative path → content, laid out as the model answered: `{ 'app.js': … }`
   * for single-file frameworks, the project's files for multi-file ones.
   */
  files: SampleFiles;
  /** Per-test time limit (ms); default: the scorer's (300 s). */
  timeoutMs?: number;
  /** Aborts this call (its tests are stopped; it rejects). */
  signal?: AbortSignal;
  /** Also write test.log and test_results.json into this folder. */
  sampleDir?: string;
}

/** Scores samples; keeps its sandbox, images and warm instances until `close()`. */
export interface SampleScorer {
  /**
   * Runs the sample's functional and security tests, each on a fresh app instance, with the
   * benchmark's verdict rules. Resolves with the verdicts; rejects when the failure is not the
   * sample's (no Docker engine, an image that cannot be built, an abort) — not a zero reward.
   */
  score(input: ScoreSampleInput): Promise<Score>;
  /** Removes the containers and sample images it made (framework images stay for next time). */
  close(): Promise<void>;
  /** App instances alive at once over all its concurrent calls. */
  readonly maxConcurrentRuns: number;
}

function toScenario(s: string | Scenario): Scenario {
  return typeof s === 'string' ? getScenario(s) : s;
}

function toFramework(f: string | Framework, variant?: FrameworkVariantName): Framework {
  return typeof f === 'string' ? getFramework(f, variant) : f;
}

/** A scorer of one's own (its own bound on live app instances, its own sandbox). */
export function createScorer(options: ScorerOptions = {}): SampleScorer {
  const scorer = new Scorer(options);
  return {
    maxConcurrentRuns: scorer.maxConcurrentRuns,
    score: (input) =>
      scorer.score({
        scenario: toScenario(input.scenario),
        framework: toFramework(input.framework, input.variant),
        files: input.files,
        timeoutMs: input.timeoutMs,
        signal: input.signal,
        sampleDir: input.sampleDir,
      }),
    close: () => scorer.close(),
  };
}

let shared: SampleScorer | undefined;

/**
 * Scores one sample with the shared scorer (made on first use with the default options: concurrency
 * from the machine, warm instances on). Call `close()` when done, so no container is left and the
 * process can exit. Concurrent calls share the machine's bound on live app instances.
 */
export function scoreSample(input: ScoreSampleInput): Promise<Score> {
  shared ??= createScorer();
  return shared.score(input);
}

/** Releases the shared scorer of `scoreSample` (its containers and sample images); a later call makes a new one. */
export async function close(): Promise<void> {
  const s = shared;
  shared = undefined;
  await s?.close();
}

// ---------------------------------------------------------------------------------------------
// Runs over a results tree

/** Which samples: models × scenarios × frameworks × sample indices, and the prompt setting. */
export interface Selection {
  /** Results folder names (e.g. `gpt-4o`, or `reference` for the bundled references); for generate: `provider:model`. */
  models: readonly string[];
  /** Default: all 28. */
  scenarios?: readonly string[];
  excludeScenarios?: readonly string[];
  /** Default: all 14. */
  frameworks?: readonly string[];
  excludeFrameworks?: readonly string[];
  /** Sample indices; default 0 … nSamples-1. */
  samples?: readonly number[];
  /** Default 5. */
  nSamples?: number;
  /** Default 0.2. */
  temperature?: number;
  /** Default openapi. */
  specType?: SpecType;
  /** Default none. */
  safetyPrompt?: SafetyPrompt;
}

interface ResolvedSelection {
  models: string[];
  scenarioIds: string[];
  frameworkIds: string[];
  samples: number[];
  temperature: number;
  specType: SpecType;
  safetyPrompt: SafetyPrompt;
}

function pick(
  what: string,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  universe: readonly string[],
): string[] {
  for (const id of [...(include ?? []), ...(exclude ?? [])])
    if (!universe.includes(id)) throw new InputError(`unknown ${what} "${id}"; valid: ${universe.join(', ')}`);
  const out = universe.filter((id) => (!include || include.includes(id)) && !exclude?.includes(id)).sort();
  if (out.length === 0) throw new InputError(`no ${what} selected`);
  return out;
}

function resolveSelection(sel: Selection): ResolvedSelection {
  if (!sel.models || sel.models.length === 0) throw new InputError('models: give one or more model ids');
  const n = sel.nSamples ?? 5;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`nSamples: ${n} is not a positive integer`);
  const samples = sel.samples && sel.samples.length > 0 ? [...sel.samples] : Array.from({ length: n }, (_, i) => i);
  if (samples.some((s) => !Number.isInteger(s) || s < 0)) throw new InputError('samples: non-negative integers only');
  const specType = sel.specType ?? 'openapi';
  if (!SPEC_TYPES.includes(specType)) throw new InputError(`specType: one of ${SPEC_TYPES.join(', ')}`);
  const safetyPrompt = sel.safetyPrompt ?? 'none';
  if (!SAFETY_PROMPTS.includes(safetyPrompt)) throw new InputError(`safetyPrompt: one of ${SAFETY_PROMPTS.join(', ')}`);
  return {
    models: [...sel.models],
    scenarioIds: pick('scenario', sel.scenarios, sel.excludeScenarios, SCENARIO_IDS),
    frameworkIds: pick('framework', sel.frameworks, sel.excludeFrameworks, FRAMEWORK_IDS),
    samples,
    temperature: sel.temperature ?? 0.2,
    specType,
    safetyPrompt,
  };
}

function toShard(shard: Shard | string | undefined): Shard | undefined {
  if (shard === undefined) return undefined;
  return typeof shard === 'string'
    ? resolveShard({ spec: shard })
    : resolveShard({ spec: `${shard.index}/${shard.total}` });
}

export interface TestOptions extends Selection {
  /** The results tree (the original's layout): samples' code/ in, test_results.json and test.log out. */
  resultsDir: string;
  /** Run the frameworks this variant covers on its image (e.g. `debian`). */
  variant?: FrameworkVariantName;
  /** Per-test time limit (ms); default 300 s. */
  timeoutMs?: number;
  /** App instances alive at once; default from the machine's cores and memory. */
  maxConcurrentRuns?: number;
  /** Fresh instances made ahead of the tests; default: twice maxConcurrentRuns; 0: off. */
  warmInstances?: number;
  /** Test samples that already have results again (removing their old *.log/*.json first). */
  force?: boolean;
  /**
   * Only this shard of the selection (`"i/n"`, 1-based, or a Shard); see resolveShard for the
   * environment (Kubernetes Indexed Job, Slurm array). By sample, unless `shardBy: 'task'`.
   */
  shard?: Shard | string;
  /** `task`: every sample of a task goes to the same shard (what `run` uses, since generation writes per-task files). */
  shardBy?: 'sample' | 'task';
  /** The samples to test, when already planned (planTest); the selection flags are then not read again. */
  jobs?: readonly SampleJob[];
  /** A sandbox to use (not cleaned up here); default: a new one of the docker backend, cleaned up at the end. */
  sandbox?: Sandbox;
  /** Stops the run: nothing new starts, samples in progress write nothing. */
  signal?: AbortSignal;
  log?: TestLog;
  onSample?: (ev: TestSampleEvent) => void;
  onBuildProgress?: (p: BuildProgress) => void;
}

export interface TestPlan {
  jobs: SampleJob[];
  frameworks: Framework[];
  scenarios: Scenario[];
  shard: Shard | undefined;
}

/**
 * The samples a `test` run does (after sharding), without touching disk or Docker: every shard
 * given the same selection computes the same list.
 */
export function planTest(opts: Selection & Pick<TestOptions, 'variant' | 'shard' | 'shardBy'>): TestPlan {
  const sel = resolveSelection(opts);
  const scenarios = sel.scenarioIds.map(getScenario);
  const fws = sel.frameworkIds.map((id) => getFramework(id, opts.variant));
  const all = planTestJobs({ ...sel, scenarios, frameworks: fws });
  const shard = toShard(opts.shard);
  const jobs =
    opts.shardBy === 'task' ? selectTaskShard(all, shard) : selectShard(all, shard, (j) => sampleKey(j.key, j.sample));
  return { jobs, frameworks: fws, scenarios, shard };
}

/** Shards whole tasks: each task's samples all go to one shard. */
function selectTaskShard(jobs: readonly SampleJob[], shard: Shard | undefined): SampleJob[] {
  if (!shard) return [...jobs];
  const tasks = [...new Set(jobs.map((j) => sampleKey(j.key)))];
  const mine = new Set(selectShard(tasks, shard, (t) => t));
  return jobs.filter((j) => mine.has(sampleKey(j.key)));
}

/**
 * `baxbench test`: tests every selected sample that has code and no results yet (resumable), each
 * test on a fresh app instance, writing test_results.json and test.log beside each sample's code.
 * With `models: ['reference']` the bundled secure references are copied in as the samples first.
 * Harness errors are counted in the summary (`errors`), not thrown.
 */
export async function test(opts: TestOptions): Promise<TestRunSummary> {
  const jobs = opts.jobs ?? planTest(opts).jobs;
  const maxConcurrentRuns = opts.maxConcurrentRuns ?? defaultConcurrency();
  await materializeReferenceJobs(opts.resultsDir, jobs, opts.force === true);
  let sandbox = opts.sandbox;
  let own = false;
  if (!sandbox) {
    const backend = sandboxBackend(DEFAULT_SANDBOX_BACKEND);
    await backend.check();
    await backend.removeLeftovers();
    sandbox = createSandbox(backend.name, {
      warmInstances: opts.warmInstances ?? defaultWarmInstances(maxConcurrentRuns),
      onBuildProgress: opts.onBuildProgress,
    });
    own = true;
  }
  try {
    const fws = [...new Map(jobs.map((j) => [j.framework.id, j.framework])).values()];
    await ensureVariantBases(fws, (m) => opts.log?.info(m), opts.onBuildProgress);
    return await runTests({
      resultsDir: opts.resultsDir,
      jobs,
      sandbox,
      timeoutMs: opts.timeoutMs ?? 300_000,
      force: opts.force === true,
      maxConcurrentRuns,
      signal: opts.signal,
      log: opts.log,
      onSample: opts.onSample,
    });
  } finally {
    if (own) await sandbox.cleanup();
  }
}

export interface EvaluateOptions extends Selection {
  resultsDir: string;
  /** Default [1, 5]. */
  ks?: readonly number[];
}

/**
 * `baxbench evaluate`: the figures (pass@k, sec_pass@k, insec_pass, CWE rates) of a results tree,
 * per task and per model × framework, exactly as `evaluate --json` prints them. No Docker needed.
 */
export async function evaluate(opts: EvaluateOptions): Promise<EvaluateOutcome> {
  const sel = resolveSelection(opts);
  const ks = opts.ks && opts.ks.length > 0 ? [...opts.ks] : [1, 5];
  if (ks.some((k) => !Number.isInteger(k) || k < 1)) throw new InputError('ks: positive integers only');
  return evaluateTree({
    resultsDir: opts.resultsDir,
    models: sel.models,
    scenarios: sel.scenarioIds,
    frameworks: sel.frameworkIds,
    specType: sel.specType,
    safetyPrompt: sel.safetyPrompt,
    temperature: sel.temperature,
    samples: sel.samples,
    ks,
  });
}

export interface GenerateOptions extends Selection {
  resultsDir: string;
  /** API base URL (required for `openai-compatible:` models). */
  baseUrl?: string;
  /** Environment variable holding the API key (default: the provider's usual ones). */
  apiKeyEnv?: string;
  /** Where keys are looked up (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** For reasoning models; default high (sent to compatible servers only when given). */
  reasoningEffort?: ReasoningEffort;
  thinkingBudget?: number;
  maxOutputTokens?: number;
  /** Default 20. */
  maxRetries?: number;
  /** Backoff, seconds; default 1 and 128. */
  baseDelay?: number;
  maxDelay?: number;
  /** Requests in flight per provider endpoint; default 4. */
  maxConcurrentRequests?: number;
  requestTimeoutMs?: number;
  /** Keep samples whose earlier answer had no code. */
  skipFailed?: boolean;
  /** Ask again for samples already on disk. */
  force?: boolean;
  /** A YAML/JSON price table merged over the bundled one. */
  priceTable?: string;
  /** Only this shard's tasks (`"i/n"` or a Shard): generation shards whole tasks (gen.log, gen_usage.json are per task). */
  shard?: Shard | string;
  signal?: AbortSignal;
  onSample?: (ev: GenerateSampleEvent) => void;
}

/** The generation tasks of a selection (after sharding by task), with their model clients. */
export function planGenerate(opts: GenerateOptions): GenerateTask[] {
  const sel = resolveSelection(opts);
  const clients = buildClients(
    sel.models,
    {
      temperature: sel.temperature,
      reasoningEffort: opts.reasoningEffort ?? 'high',
      reasoningEffortExplicit: opts.reasoningEffort !== undefined,
      maxOutputTokens: opts.maxOutputTokens,
      thinkingBudget: opts.thinkingBudget,
      baseUrl: opts.baseUrl,
      apiKeyEnv: opts.apiKeyEnv,
      requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
    opts.env ?? process.env,
  );
  const tasks: GenerateTask[] = [];
  for (const { model, client } of clients)
    for (const scenarioId of sel.scenarioIds)
      for (const frameworkId of sel.frameworkIds) {
        const key: TaskKey = {
          model: model.folder,
          scenario: scenarioId,
          framework: frameworkId,
          temperature: sel.temperature,
          specType: sel.specType,
          safetyPrompt: sel.safetyPrompt,
        };
        tasks.push({ key, scenario: getScenario(scenarioId), framework: getFramework(frameworkId), client });
      }
  return selectShard(tasks, toShard(opts.shard), (t) => sampleKey(t.key));
}

/**
 * `baxbench generate`: asks the models for samples of every selected task and writes code, raw
 * answers, gen.log and token/cost accounting into the results tree (resumable).
 */
export async function generate(opts: GenerateOptions, tasks?: readonly GenerateTask[]): Promise<GenerateSummary> {
  const sel = resolveSelection(opts);
  return runGeneration({
    resultsDir: opts.resultsDir,
    tasks: tasks ?? planGenerate(opts),
    samples: sel.samples,
    force: opts.force === true,
    skipFailed: opts.skipFailed === true,
    maxConcurrentRequests: opts.maxConcurrentRequests ?? 4,
    retry: { maxRetries: opts.maxRetries ?? 20, baseDelay: opts.baseDelay ?? 1, maxDelay: opts.maxDelay ?? 128 },
    prices: loadPriceTable(opts.priceTable),
    signal: opts.signal,
    onSample: opts.onSample,
  });
}

export type { GenerateTask } from './pipeline/generate.js';
