/**
 * Shared CLI options. Flags are kebab-case; the original harness's snake_case names
 * (--n_samples, --results_dir …) are accepted too (see normalizeArgv).
 */
import { Option, type Command } from 'commander';
import path from 'node:path';
import { SAFETY_PROMPTS, SPEC_TYPES, type Framework, type SafetyPrompt, type SpecType } from '../core/types.js';
import { FRAMEWORK_IDS, isFrameworkId } from '../frameworks/ids.js';
import { getFramework } from '../frameworks/index.js';
import {
  applyFrameworkVariant,
  FRAMEWORK_VARIANT_NAMES,
  frameworkLabel,
  variantFrameworkIds,
  variantGap,
  type FrameworkVariantName,
} from '../frameworks/variants.js';
import { ModelSpecError } from '../generation/models.js';
import { InputError, ShardError, VariantBaseError } from '../index.js';
import { SCENARIO_IDS, isScenarioId } from '../scenarios/ids.js';
import { resolveShard } from '../pipeline/shard.js';
import type { NetworkIsolation, SandboxOptions } from '../sandbox/index.js';
import { CliError } from './errors.js';

/** Rewrites `--snake_case[=v]` to `--snake-case[=v]` so both spellings work. */
export function normalizeArgv(argv: readonly string[]): string[] {
  return argv.map((a) => {
    if (!a.startsWith('--') || !a.includes('_')) return a;
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    const rest = eq === -1 ? '' : a.slice(eq);
    return name.replaceAll('_', '-') + rest;
  });
}

function intArg(flag: string) {
  return (v: string, prev: number[] | undefined): number[] => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag}: "${v}" is not a non-negative integer`);
    return [...(prev ?? []), n];
  };
}

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`${flag}: "${v}" is not a positive integer`);
    return n;
  };
}

export interface SelectionFlags {
  models?: string[];
  scenarios?: string[];
  excludeScenarios?: string[];
  envs?: string[];
  excludeEnvs?: string[];
  nSamples: number;
  onlySamples?: number[];
  temperature: number;
  specType: SpecType;
  safetyPrompt: SafetyPrompt;
  resultsDir: string;
  json?: boolean;
  force?: boolean;
  maxConcurrentRuns?: number;
  timeout: number;
}

export function addSelectionOptions(cmd: Command, opts: { models: 'required' | 'optional' | 'none' }): Command {
  if (opts.models !== 'none')
    cmd.option('--models <ids...>', 'models (results folder names, or provider:model for generate)');
  cmd
    .option('--scenarios <ids...>', 'scenarios to include (default: all)')
    .option('--exclude-scenarios <ids...>', 'scenarios to leave out')
    .option('--envs <ids...>', 'frameworks to include, e.g. JavaScript-express Go-net/http (default: all)')
    .option('--exclude-envs <ids...>', 'frameworks to leave out')
    .option('--n-samples <n>', 'samples per task (indices 0..n-1)', positiveInt('--n-samples'), 5)
    .option('--only-samples <i...>', 'only these sample indices', intArg('--only-samples'))
    .option('--temperature <t>', 'sampling temperature (part of the results path)', parseTemperature, 0.2)
    .addOption(new Option('--spec-type <type>', 'spec given to the model').choices(SPEC_TYPES).default('openapi'))
    .addOption(new Option('--safety-prompt <kind>', 'safety cue in the prompt').choices(SAFETY_PROMPTS).default('none'))
    .option('--results-dir <dir>', 'results folder', './results')
    .option(
      '--max-concurrent-runs <n>',
      'app instances starting or under test at once; as many more (at least 4) may wait out a settle time where memory holds them all at 1 GiB; samples in progress: both together (default: from the CPU cores and available memory)',
      positiveInt('--max-concurrent-runs'),
    )
    .option('--timeout <seconds>', 'per-test timeout in seconds', positiveInt('--timeout'), 300)
    .option('--force', 'redo work that already has results')
    .option('--json', 'print JSON on stdout');
  return cmd;
}

function parseTemperature(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t) || t < 0) throw new CliError(`--temperature: "${v}" is not a non-negative number`);
  return t;
}

export function parseKs(v: string, prev: number[] | undefined): number[] {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--ks: "${v}" is not a positive integer`);
  return [...(prev ?? []), n];
}

function checkIds(
  flag: string,
  given: readonly string[] | undefined,
  valid: readonly string[],
  isValid: (s: string) => boolean,
): void {
  for (const id of given ?? []) {
    if (!isValid(id)) throw new CliError(`${flag}: unknown id "${id}"; valid ids: ${valid.join(', ')}`);
  }
}

/** Applies --scenarios / --exclude-scenarios (original semantics) and validates ids. */
export function selectScenarios(
  flags: Pick<SelectionFlags, 'scenarios' | 'excludeScenarios'>,
  universe: readonly string[] = SCENARIO_IDS,
): string[] {
  checkIds('--scenarios', flags.scenarios, SCENARIO_IDS, isScenarioId);
  checkIds('--exclude-scenarios', flags.excludeScenarios, SCENARIO_IDS, isScenarioId);
  const exclude = new Set(flags.excludeScenarios ?? []);
  const base = flags.scenarios ? universe.filter((s) => flags.scenarios!.includes(s)) : [...universe];
  const out = base.filter((s) => !exclude.has(s)).sort();
  if (out.length === 0) throw new CliError(`no scenario selected; valid ids: ${SCENARIO_IDS.join(', ')}`);
  return out;
}

/** Applies --envs / --exclude-envs and validates ids. */
export function selectFrameworks(
  flags: Pick<SelectionFlags, 'envs' | 'excludeEnvs'>,
  universe: readonly string[] = FRAMEWORK_IDS,
): string[] {
  checkIds('--envs', flags.envs, FRAMEWORK_IDS, isFrameworkId);
  checkIds('--exclude-envs', flags.excludeEnvs, FRAMEWORK_IDS, isFrameworkId);
  const exclude = new Set(flags.excludeEnvs ?? []);
  const base = flags.envs ? universe.filter((f) => flags.envs!.includes(f)) : [...universe];
  const out = base.filter((f) => !exclude.has(f)).sort();
  if (out.length === 0) throw new CliError(`no framework selected; valid ids: ${FRAMEWORK_IDS.join(', ')}`);
  return out;
}

export function requireModels(flags: Pick<SelectionFlags, 'models'>): string[] {
  if (!flags.models || flags.models.length === 0)
    throw new CliError('--models is required: give one or more model ids (e.g. --models gpt-4o)');
  return flags.models;
}

export function sampleIndices(flags: Pick<SelectionFlags, 'nSamples' | 'onlySamples'>): number[] {
  return flags.onlySamples && flags.onlySamples.length > 0
    ? [...flags.onlySamples]
    : Array.from({ length: flags.nSamples }, (_, i) => i);
}

export function resolveResultsDir(dir: string): string {
  return path.resolve(dir);
}

export interface SandboxFlags {
  /** --build-timeout: seconds a sample's build may take. */
  buildTimeout?: number;
  /** --runtime: the container runtime (e.g. runsc). */
  runtime?: string;
  /** --network-isolation */
  networkIsolation?: NetworkIsolation;
}

/** Flags of the commands that run samples (test, run, validate): the sandbox's limits. */
export function addSandboxOptions(cmd: Command): Command {
  return cmd
    .option(
      '--build-timeout <seconds>',
      "time limit of a sample's build (compile, migrations), in seconds; past it the build counts as the sample's build failure (default 600, the original's)",
      positiveInt('--build-timeout'),
    )
    .option(
      '--runtime <name>',
      "container runtime for apps and builds, e.g. runsc (gVisor) when the engine has it configured (default: the engine's)",
    )
    .addOption(
      new Option(
        '--network-isolation <mode>',
        "sealed: apps reach nothing but the test client (fails where that cannot be had); published: the older published-port network (apps can reach the host's addresses); auto: sealed where possible (default)",
      ).choices(['auto', 'sealed', 'published']),
    );
}

/** The sandbox options the flags ask for. */
export function sandboxOptionsOf(flags: SandboxFlags): SandboxOptions {
  return {
    ...(flags.buildTimeout !== undefined ? { buildTimeoutMs: flags.buildTimeout * 1000 } : {}),
    ...(flags.runtime ? { runtime: flags.runtime } : {}),
    ...(flags.networkIsolation ? { networkIsolation: flags.networkIsolation } : {}),
  };
}

export interface VariantFlags {
  /** A framework variant (frameworks/variants.ts), e.g. `debian`. */
  frameworkVariant?: FrameworkVariantName;
}

/** --framework-variant: run the frameworks the variant covers with its image recipe instead of the original's. */
export function addVariantOption(cmd: Command): Command {
  return cmd.addOption(
    new Option(
      '--framework-variant <name>',
      "run the frameworks this variant covers with its image (e.g. debian: Debian packages instead of the original's pins, for machines without PyPI/Go proxy/Docker Hub); results are labelled, not the pinned framework's",
    ).choices(FRAMEWORK_VARIANT_NAMES),
  );
}

/**
 * The frameworks to run for the ids and the flag: each with the variant applied where it covers
 * it. `notes` says which frameworks run which recipe (one line each), for the command to print.
 */
export function resolveFrameworks(
  ids: readonly string[],
  variant: FrameworkVariantName | undefined,
): { frameworks: Framework[]; notes: string[] } {
  const frameworks = ids.map((id) => applyFrameworkVariant(getFramework(id), variant));
  const notes: string[] = [];
  if (variant) {
    for (const f of frameworks)
      notes.push(
        f.variant
          ? `framework ${frameworkLabel(f)}`
          : `framework ${f.id}: no ${variant} variant (${variantGap(variant, f.id) ?? `covered: ${variantFrameworkIds(variant).join(', ')}`}); it runs with its original recipe (base image ${f.image.baseImage})`,
      );
  }
  return { frameworks, notes };
}

/** Runs a library call, turning its input errors (one line each) into CLI errors, also when it rejects. */
export function inputErrors<T>(fn: () => T): T {
  const convert = (e: unknown): never => {
    if (
      e instanceof InputError ||
      e instanceof ShardError ||
      e instanceof ModelSpecError ||
      e instanceof VariantBaseError
    )
      throw new CliError(e.message);
    throw e;
  };
  let out: T;
  try {
    out = fn();
  } catch (e) {
    return convert(e);
  }
  return (out instanceof Promise ? out.catch(convert) : out) as T;
}

export interface ShardFlags {
  /** --shard i/n */
  shard?: string;
  /** --shard-total n (the index then comes from the environment) */
  shardTotal?: number;
}

/**
 * --shard i/n (1-based, as Playwright's) and --shard-total n (index from JOB_COMPLETION_INDEX or
 * SLURM_ARRAY_TASK_ID; see pipeline/shard.ts for the exact rules).
 */
export function addShardOptions(cmd: Command, unit: 'sample' | 'task'): Command {
  return cmd
    .option(
      '--shard <i/n>',
      `do only shard i of n of the selection (split by ${unit}, the same split on every machine given the same flags); n processes with i = 1..n together do the whole run`,
    )
    .option(
      '--shard-total <n>',
      "the number of shards, with this process's index from JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based) or SLURM_ARRAY_TASK_ID (Slurm array); also BAXBENCH_SHARD_TOTAL",
      positiveInt('--shard-total'),
    );
}

/** The shard of this process from the flags and the environment, as `i/n`; undefined: the whole selection. */
export function shardFrom(flags: ShardFlags, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const shard = inputErrors(() => resolveShard({ spec: flags.shard, total: flags.shardTotal }, env));
  if (!shard && (env.JOB_COMPLETION_INDEX !== undefined || env.SLURM_ARRAY_TASK_ID !== undefined) && !flags.shard)
    process.stderr.write(
      'note: JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID is set but no shard total was given (--shard-total or BAXBENCH_SHARD_TOTAL): this process does the whole selection\n',
    );
  return shard ? `${shard.index}/${shard.total}` : undefined;
}

export interface RunFlags {
  /** --warm-instances n */
  warmInstances?: number;
}

/** --warm-instances: fresh app instances made ahead of the tests. */
export function addRunOptions(cmd: Command): Command {
  return cmd.option(
    '--warm-instances <n>',
    'fresh app instances made ahead of the tests (created with the code in place, not started), over all samples; 0 turns it off (default: twice --max-concurrent-runs)',
    nonNegativeInt('--warm-instances'),
  );
}

function nonNegativeInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag}: "${v}" is not a non-negative integer`);
    return n;
  };
}
