import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { Framework, Scenario } from '../../core/types.js';
import {
  applyFrameworkVariant,
  FRAMEWORK_VARIANT_NAMES,
  variantFrameworkIds,
  variantGap,
} from '../../frameworks/variants.js';
import { getFramework } from '../../frameworks/index.js';
import { defaultConcurrency, defaultWarmInstances } from '../../index.js';
import { runValidation, validationFailed, validationJson, type ValidationReport } from '../../pipeline/validate.js';
import { skippedFrameworkLine, validationTable } from '../../report/validation.js';
import { DEFAULT_SANDBOX_BACKEND, sandboxBackend } from '../../sandbox/index.js';
import { SCENARIO_IDS, loadScenarios } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import {
  addRunOptions,
  addSandboxOptions,
  addVariantOption,
  resolveFrameworks,
  sandboxOptionsOf,
  selectFrameworks,
  selectScenarios,
  type RunFlags,
  type SandboxFlags,
  type VariantFlags,
} from '../options.js';
import { buildStatus, Progress } from '../progress.js';
import { openSandbox } from '../sandbox.js';
import { ensurePinnedBases, ensureVariantBases } from '../variant-bases.js';

interface ValidateFlags extends VariantFlags, RunFlags, SandboxFlags {
  repeat?: number;
  scenarios?: string[];
  envs?: string[];
  json?: boolean;
  timeout: number;
  maxConcurrentRuns?: number;
  logsDir?: string;
}

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`${flag}: "${v}" is not a positive integer`);
    return n;
  };
}

/** Scenario × framework pairs that have references, for the flags. */
export function validationPairs(
  flags: Pick<ValidateFlags, 'scenarios' | 'envs' | 'frameworkVariant'>,
): { scenario: Scenario; framework: Framework }[] {
  const scenarioIds = flags.scenarios ? selectScenarios({ scenarios: flags.scenarios }) : [...SCENARIO_IDS];
  const frameworkIds = selectFrameworks({ envs: flags.envs });
  const scenarios = loadScenarios(scenarioIds);
  const pairs = scenarios.flatMap((s) =>
    frameworkIds
      .filter((f) => s.references.some((r) => r.framework === f))
      .map((f) => ({ scenario: s, framework: applyFrameworkVariant(getFramework(f), flags.frameworkVariant) })),
  );
  if (pairs.length === 0) {
    // Say why for frameworks no variant can run (e.g. Go-Fiber: not packaged in Debian).
    const gaps = frameworkIds.flatMap((f) =>
      (flags.frameworkVariant ? [flags.frameworkVariant] : FRAMEWORK_VARIANT_NAMES).flatMap((v) => {
        const why = variantGap(v, f);
        return why
          ? [
              `${f} has none: ${why}, so no ${v} variant can run it (its own recipe needs ${getFramework(f).image.baseImage})`,
            ]
          : [];
      }),
    );
    throw new CliError(
      `nothing to validate: no reference solutions for the selected scenarios and frameworks${gaps.length > 0 ? `; ${gaps.join('; ')}` : ''}`,
    );
  }
  return pairs;
}

/** Frameworks (id → base image) whose base image is missing and has no local recipe. */
export async function unavailableFrameworks(
  frameworks: readonly Framework[],
  exists: (ref: string) => Promise<boolean> = (ref) => sandboxBackend(DEFAULT_SANDBOX_BACKEND).imageExists(ref),
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of frameworks) {
    if (out.has(f.id) || f.image.localBase) continue;
    if (!(await exists(f.image.baseImage))) out.set(f.id, f.image.baseImage);
  }
  return out;
}

export function validateCommand(): Command {
  const cmd = new Command('validate')
    .description(
      'run every reference solution and insecure variant through the real pipeline (Docker): is each secure reference clean, is each security test proven by a variant? Exit code 1 when not',
    )
    .option('--scenarios <ids...>', 'scenarios (default: all implemented)')
    .option('--envs <ids...>', 'frameworks (default: all that have references)')
    .option('--timeout <seconds>', 'per-test timeout in seconds', positiveInt('--timeout'), 300)
    .option(
      '--max-concurrent-runs <n>',
      'app instances starting or under test at once; as many more (at least 4) may wait out a settle time where memory holds them all at 1 GiB; samples in progress: both together (default: from the CPU cores and available memory)',
      positiveInt('--max-concurrent-runs'),
    )
    .option('--json', 'print JSON on stdout')
    .option(
      '--repeat <n>',
      'run every reference n times and report every verdict that changed between runs (exit code 1 when one did)',
      positiveInt('--repeat'),
    )
    .option(
      '--logs-dir <dir>',
      "write each reference's test.log to <dir>/<scenario>/<framework>/<reference>.log (with --repeat: <reference>.run<k>.log)",
    );
  addVariantOption(cmd);
  addRunOptions(cmd);
  addSandboxOptions(cmd);
  return cmd.action(async (flags: ValidateFlags) => {
    let pairs = validationPairs(flags);
    if (flags.frameworkVariant) {
      const ids = [...new Set(pairs.map((p) => p.framework.id))];
      for (const n of resolveFrameworks(ids, flags.frameworkVariant).notes) process.stderr.write(`${n}\n`);
    }
    let progress: Progress | undefined;
    const onBuildProgress = buildStatus(
      (render) => progress?.setStatus(render),
      () => progress?.width ?? 120,
    );
    const maxConcurrentRuns = flags.maxConcurrentRuns ?? defaultConcurrency();
    const { sandbox, signal, close } = await openSandbox(
      { info: (m) => (progress ? progress.note(m) : process.stderr.write(`${m}\n`)) },
      {
        onBuildProgress,
        warmInstances: flags.warmInstances ?? defaultWarmInstances(maxConcurrentRuns),
        sandboxOptions: sandboxOptionsOf(flags),
      },
    );
    let report: ValidationReport;
    try {
      if (!flags.envs) {
        // No --envs: leave out frameworks whose base image is not here and cannot be made here
        // (e.g. Python on a machine without Docker Hub), saying so; named with --envs, they run.
        const unavailable = await unavailableFrameworks(pairs.map((p) => p.framework));
        for (const [id, base] of unavailable)
          process.stderr.write(`${skippedFrameworkLine(id, base, variantFrameworkIds('debian'))}\n`);
        pairs = pairs.filter((p) => !unavailable.has(p.framework.id));
        if (pairs.length === 0)
          throw new CliError('nothing to validate: no selected framework with references has its base image here');
      }
      const repeat = flags.repeat ?? 1;
      const total =
        repeat *
        pairs.reduce((n, p) => n + p.scenario.references.filter((r) => r.framework === p.framework.id).length, 0);
      progress = new Progress(total, 'validate');
      const shown = progress;
      await ensureVariantBases(
        pairs.map((p) => p.framework),
        (m) => shown.note(m),
        onBuildProgress,
      );
      await ensurePinnedBases(
        pairs.map((p) => p.framework),
        (m) => shown.note(m),
      );
      report = await runValidation({
        pairs,
        sandbox,
        timeoutMs: flags.timeout * 1000,
        maxConcurrentRuns,
        repeat,
        signal,
        log: {
          info: (m) => shown.note(m),
          warn: (m) => shown.note(`warning: ${m}`),
          error: (m) => shown.note(`error: ${m}`),
        },
        onSample: ({ scenario, framework, ref, report: r, run }) => {
          const res = r.result;
          if (flags.logsDir) {
            const name = repeat > 1 ? `${ref.name}.run${run + 1}.log` : `${ref.name}.log`;
            const file = path.join(flags.logsDir, scenario.id, framework.id.replaceAll('/', '-'), name);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, r.log);
          }
          shown.tick(
            `${repeat > 1 ? `[run ${run + 1}/${repeat}] ` : ''}${scenario.id} ${framework.id} ${ref.name}: ${res.num_passed_ft}/${res.num_total_ft} ft, CWE [${res.cwes.map((c) => c.num).join(',')}]`,
          );
        },
      });
    } finally {
      progress?.end();
      await close();
    }
    if (flags.json) process.stdout.write(`${JSON.stringify(validationJson(report))}\n`);
    else process.stdout.write(`${validationTable(report, process.stdout.isTTY === true && !process.env.NO_COLOR)}\n`);
    if (validationFailed(report)) process.exitCode = 1;
  });
}
