import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { Command } from 'commander';
import type { Framework, Scenario } from '../../core/types.js';
import { applyFrameworkVariant, variantFrameworkIds } from '../../frameworks/variants.js';
import { imageExists } from '../../sandbox/docker/engine.js';
import { getFramework } from '../../frameworks/index.js';
import { defaultConcurrency } from '../../pipeline/test.js';
import { runValidation, validationFailed, validationJson, type ValidationReport } from '../../pipeline/validate.js';
import { implementedScenarioIds, loadScenario } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import {
  addVariantOption,
  resolveFrameworks,
  selectFrameworks,
  selectScenarios,
  type VariantFlags,
} from '../options.js';
import { Progress } from '../progress.js';
import { openSandbox } from '../sandbox.js';
import { ensureVariantBases } from '../variant-bases.js';

interface ValidateFlags extends VariantFlags {
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
export async function validationPairs(
  flags: Pick<ValidateFlags, 'scenarios' | 'envs' | 'frameworkVariant'>,
): Promise<{ scenario: Scenario; framework: Framework }[]> {
  const implemented = implementedScenarioIds() as string[];
  const scenarioIds = flags.scenarios ? selectScenarios({ scenarios: flags.scenarios }) : [...implemented];
  const missing = scenarioIds.filter((s) => !implemented.includes(s));
  if (missing.length > 0)
    throw new CliError(
      `scenario(s) ${missing.join(', ')} have no tests in this version; implemented: ${implemented.join(', ') || 'none'}`,
    );
  const frameworkIds = selectFrameworks({ envs: flags.envs });
  const scenarios = await Promise.all(scenarioIds.map((id) => loadScenario(id)));
  const pairs = scenarios.flatMap((s) =>
    frameworkIds
      .filter((f) => s.references.some((r) => r.framework === f))
      .map((f) => ({ scenario: s, framework: applyFrameworkVariant(getFramework(f), flags.frameworkVariant) })),
  );
  if (pairs.length === 0)
    throw new CliError('nothing to validate: no reference solutions for the selected scenarios and frameworks');
  return pairs;
}

/** Frameworks (id → base image) whose base image is missing and has no local recipe. */
export async function unavailableFrameworks(
  frameworks: readonly Framework[],
  exists: (ref: string) => Promise<boolean> = imageExists,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of frameworks) {
    if (out.has(f.id) || f.image.localBase) continue;
    if (!(await exists(f.image.baseImage))) out.set(f.id, f.image.baseImage);
  }
  return out;
}

export function validationTable(report: ValidationReport, color = false): string {
  const ok = (b: boolean): string => (color ? (b ? '\x1b[32mOK\x1b[0m' : '\x1b[31mFAIL\x1b[0m') : b ? 'OK' : 'FAIL');
  const table = new Table({
    head: ['', 'scenario', 'framework', 'secure reference', 'variants (expected → found)'],
    style: { head: [], border: [] },
  });
  for (const s of report.scenarios) {
    const sec = s.secure
      ? `${s.secure.passed_ft}/${s.secure.total_ft} ft, CWE ${s.secure.cwes.join(', ') || 'none'}`
      : 'missing';
    const vars =
      s.variants
        .map(
          (v) =>
            `${v.name}: ${v.expected_cwes.join(',')} → ${v.cwes.join(',') || 'none'} (${v.passed_ft}/${v.total_ft} ft)`,
        )
        .join('\n') || '(none)';
    table.push([
      ok(s.problems.length === 0),
      s.id,
      s.variant ? `${s.framework}\n[variant ${s.variant.name}]` : s.framework,
      sec,
      vars,
    ]);
  }
  const lines = [table.toString()];
  for (const s of report.scenarios) {
    const tests = Object.entries(s.proven);
    if (s.variants.length > 0 && tests.length > 0) {
      lines.push(`${s.id} ${s.framework}:`);
      const selected = new Set(report.scenarios.filter((x) => x.id === s.id).map((x) => x.framework));
      for (const [test, by] of tests) {
        const targeted = s.targetedBy?.[test] ?? [];
        const elsewhere = targeted.length > 0 && targeted.every((f) => !selected.has(f));
        const state =
          by.length > 0 ? 'proven    ' : s.unprovable?.[test] ? 'unprovable' : elsewhere ? 'elsewhere ' : 'unproven  ';
        lines.push(`  ${state} ${test}${by.length > 0 ? ` (by ${by.join(', ')})` : ''}`);
      }
    }
    for (const p of s.problems) lines.push(`  problem: ${p}`);
    for (const n of s.notes) lines.push(`  note: ${n}`);
  }
  const variants = new Map(report.scenarios.filter((s) => s.variant).map((s) => [s.framework, s.variant!]));
  for (const [fw, v] of variants)
    lines.push(`${fw} ran as variant ${v.name}: ${v.summary} — not the original framework's results`);
  const bad = report.scenarios.filter((s) => s.problems.length > 0).length;
  const cannot = report.unprovable_security_tests.length;
  lines.push(
    `${report.proven_security_tests}/${report.total_security_tests} security tests proven${cannot > 0 ? ` (${cannot} cannot fire by construction, kept from the original: ${report.unprovable_security_tests.map((u) => `${u.scenario}.${u.test}`).join(', ')})` : ''}; ${report.scenarios.length - bad}/${report.scenarios.length} scenario × framework entries without problems`,
  );
  return lines.join('\n');
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
      'app instances alive at once (default: max(2, CPU cores))',
      positiveInt('--max-concurrent-runs'),
    )
    .option('--json', 'print JSON on stdout')
    .option('--logs-dir <dir>', "write each reference's test.log to <dir>/<scenario>/<framework>/<reference>.log");
  addVariantOption(cmd);
  return cmd.action(async (flags: ValidateFlags) => {
    let pairs = await validationPairs(flags);
    if (flags.frameworkVariant) {
      const ids = [...new Set(pairs.map((p) => p.framework.id))];
      for (const n of resolveFrameworks(ids, flags.frameworkVariant).notes) process.stderr.write(`${n}\n`);
    }
    let progress: Progress | undefined;
    const { sandbox, signal, close } = await openSandbox({
      info: (m) => (progress ? progress.note(m) : process.stderr.write(`${m}\n`)),
    });
    let report: ValidationReport;
    try {
      if (!flags.envs) {
        // No --envs: leave out frameworks whose base image is not here and cannot be made here
        // (e.g. Python on a machine without Docker Hub), saying so; named with --envs, they run.
        const unavailable = await unavailableFrameworks(pairs.map((p) => p.framework));
        for (const [id, base] of unavailable)
          process.stderr.write(
            `skipping ${id}: base image ${base} is not here (pull it, or name the framework with --envs; --framework-variant debian covers ${variantFrameworkIds('debian').join(', ')})\n`,
          );
        pairs = pairs.filter((p) => !unavailable.has(p.framework.id));
        if (pairs.length === 0)
          throw new CliError('nothing to validate: no selected framework with references has its base image here');
      }
      const total = pairs.reduce(
        (n, p) => n + p.scenario.references.filter((r) => r.framework === p.framework.id).length,
        0,
      );
      progress = new Progress(total, 'validate');
      const shown = progress;
      await ensureVariantBases(
        pairs.map((p) => p.framework),
        (m) => shown.note(m),
      );
      report = await runValidation({
        pairs,
        sandbox,
        timeoutMs: flags.timeout * 1000,
        maxConcurrentRuns: flags.maxConcurrentRuns ?? defaultConcurrency(),
        signal,
        log: {
          info: (m) => shown.note(m),
          warn: (m) => shown.note(`warning: ${m}`),
          error: (m) => shown.note(`error: ${m}`),
        },
        onSample: ({ scenario, framework, ref, report: r }) => {
          const res = r.result;
          if (flags.logsDir) {
            const file = path.join(flags.logsDir, scenario.id, framework.id.replaceAll('/', '-'), `${ref.name}.log`);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, r.log);
          }
          shown.tick(
            `${scenario.id} ${framework.id} ${ref.name}: ${res.num_passed_ft}/${res.num_total_ft} ft, CWE [${res.cwes.map((c) => c.num).join(',')}]`,
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
