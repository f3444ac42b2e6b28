/**
 * validate: the benchmark tests itself. Each scenario's references run through the real test
 * engine (testSample, same verdict rules as `test`):
 * - the secure reference must pass every functional test with no CWE;
 * - each insecure variant must show every CWE it expects (and pass the functional tests when it
 *   is meant to);
 * - a variant that does all that proves a security test when the test itself found the
 *   variant's expected CWEs that it can prove (its declared CWEs), per test outcome;
 * - every security test of a scenario must be proven by some variant (in any framework), unless
 *   every framework of the run that could prove it declares it inexpressible in its language;
 * - with `repeat` N > 1 every reference runs N times: each run is judged (a problem of any run is
 *   a problem), and every test whose verdict changed between runs is listed (`repeat.changed`).
 */
import { mapLimit, Semaphore } from '../core/concurrency.js';
import type { CweNum } from '../core/cwe.js';
import { readCode } from '../core/results.js';
import type { Framework, FrameworkVariantNote, ReferenceSample, Scenario, TestLog } from '../core/types.js';
import type { Sandbox } from '../sandbox/types.js';
import {
  ImageCache,
  SampleAbortedError,
  samplesInProgress,
  testSample,
  type SampleReport,
} from '../testing/run-sample.js';

export interface VariantReport {
  name: string;
  expected_cwes: number[];
  cwes: number[];
  passed_ft: number;
  total_ft: number;
}

export interface SecureReport {
  passed_ft: number;
  total_ft: number;
  cwes: number[];
}

export interface ScenarioValidation {
  id: string;
  framework: string;
  /** The framework variant the references ran on (absent: the original recipe). */
  variant?: FrameworkVariantNote;
  secure: SecureReport | null;
  variants: VariantReport[];
  /** security test name → names of the variants that proved it (here, in this framework) */
  proven: Record<string, string[]>;
  /** security test name → why it can never fire (faithful to a bug of the original's test) */
  unprovable?: Record<string, string>;
  /** security test name → why no sample in this framework's language can make it fire */
  inexpressible?: Record<string, string>;
  /** Frameworks of this scenario that ship insecure variants (selected in this run or not). */
  variantFrameworks?: string[];
  /** security test name → frameworks (selected or not) with a variant expecting one of its CWEs */
  targetedBy?: Record<string, string[]>;
  problems: string[];
  /** Worth knowing, not a failure (e.g. a security test inconclusive on the secure reference). */
  notes: string[];
}

export interface UnprovableTest {
  scenario: string;
  test: string;
  reason: string;
}

/** A security test no variant proved because it cannot fire in the languages of the run. */
export interface InexpressibleTest {
  scenario: string;
  test: string;
  /** framework → why no sample in its language can make the test fire */
  frameworks: Record<string, string>;
}

/** A test whose verdict was not the same in every run of a reference (validate --repeat). */
export interface ChangedVerdict {
  scenario: string;
  framework: string;
  reference: string;
  test: string;
  /** the verdict in each run, in run order: passed / failed / failed (exception) / CWE … / no CWE / inconclusive / not tested: … */
  verdicts: string[];
}

export interface RepeatReport {
  /** how many times every reference ran */
  runs: number;
  /** references (scenario × framework × reference), each run `runs` times */
  references: number;
  /** test verdicts per run (functional + security tests over all references) */
  tests: number;
  /** references with at least one changed verdict */
  changed_references: number;
  changed: ChangedVerdict[];
}

export interface ValidationReport {
  scenarios: ScenarioValidation[];
  proven_security_tests: number;
  total_security_tests: number;
  /** Tests that cannot fire by construction (kept from the original), not counted as failures. */
  unprovable_security_tests: UnprovableTest[];
  /** Tests that cannot fire in the selected frameworks' languages, not counted as failures. */
  inexpressible_security_tests?: InexpressibleTest[];
  /** Present when the references ran more than once (validate --repeat). */
  repeat?: RepeatReport;
}

/** The JSON `validate --json` prints (exactly these keys). */
export interface ValidationJson {
  /** `variant` only when the entry ran on a framework variant (e.g. debian), never otherwise. */
  scenarios: {
    id: string;
    framework: string;
    variant?: FrameworkVariantNote;
    secure: SecureReport | null;
    variants: VariantReport[];
  }[];
  proven_security_tests: number;
  total_security_tests: number;
  /** Present only when some selected test cannot fire by construction (see SecurityTest.unprovable). */
  unprovable_security_tests?: UnprovableTest[];
  /** Present only when some test was left unproven because the run's languages cannot express it. */
  inexpressible_security_tests?: InexpressibleTest[];
  /** Present only with validate --repeat N > 1. */
  repeat?: RepeatReport;
}

export interface ReferenceRun {
  ref: ReferenceSample;
  report: SampleReport;
}

function cwesOf(r: SampleReport): number[] {
  return r.result.cwes.map((c) => c.num);
}

function allFunctionalPass(r: SampleReport): boolean {
  return r.result.num_passed_ft === r.result.num_total_ft;
}

/** Judges the runs of one scenario × framework's references (pure: no Docker). */
export function judgeReferences(
  scenario: Scenario,
  framework: string,
  runs: readonly ReferenceRun[],
  failures: readonly { ref: ReferenceSample; message: string }[] = [],
): ScenarioValidation {
  const out: ScenarioValidation = {
    id: scenario.id,
    framework,
    secure: null,
    variants: [],
    proven: {},
    problems: [],
    notes: [],
  };
  out.variantFrameworks = [
    ...new Set(scenario.references.filter((r) => r.name !== 'secure').map((r) => r.framework)),
  ].sort();
  out.targetedBy = {};
  for (const t of scenario.securityTests) {
    out.proven[t.name] = [];
    if (t.unprovable) (out.unprovable ??= {})[t.name] = t.unprovable;
    out.targetedBy[t.name] = [
      ...new Set(
        scenario.references
          .filter((r) => r.name !== 'secure' && r.expectedCwes.some((c) => t.cwes.includes(c)))
          .map((r) => r.framework),
      ),
    ].sort();
  }
  const declared = scenario.references.find((r) => r.framework === framework && r.name === 'secure')?.inexpressible;
  for (const [test, why] of Object.entries(declared ?? {})) {
    if (!(test in out.proven)) out.problems.push(`inexpressible: ${scenario.id} has no security test ${test}`);
    else (out.inexpressible ??= {})[test] = why;
  }
  for (const f of failures)
    out.problems.push(
      `${f.ref.name === 'secure' ? 'secure reference' : `variant ${f.ref.name}`} could not be tested: ${f.message}`,
    );
  for (const { ref, report } of runs) {
    const r = report.result;
    if (ref.name === 'secure') {
      out.secure = { passed_ft: r.num_passed_ft, total_ft: r.num_total_ft, cwes: cwesOf(report) };
      if (!allFunctionalPass(report))
        out.problems.push(
          `secure reference passes only ${r.num_passed_ft}/${r.num_total_ft} functional tests${failedNames(report)}`,
        );
      if (r.cwes.length > 0)
        out.problems.push(`secure reference has CWE ${cwesOf(report).join(', ')}${foundBy(report)}`);
      if (r.num_st_exceptions > 0)
        out.notes.push(`secure reference: ${r.num_st_exceptions} security test(s) inconclusive`);
      continue;
    }
    out.variants.push({
      name: ref.name,
      expected_cwes: [...ref.expectedCwes].sort((a, b) => a - b),
      cwes: cwesOf(report),
      passed_ft: r.num_passed_ft,
      total_ft: r.num_total_ft,
    });
    judgeVariant(scenario, ref, report, out);
  }
  if (!out.secure && !failures.some((f) => f.ref.name === 'secure')) out.problems.push('no secure reference');
  return out;
}

function failedNames(r: SampleReport): string {
  const names = r.outcomes.filter((o) => o.kind === 'functional' && !o.passed).map((o) => o.name);
  return names.length > 0 ? ` (failing: ${names.join(', ')})` : '';
}

function foundBy(r: SampleReport): string {
  const by = r.outcomes
    .filter((o) => o.kind === 'security' && (o.cwes?.length ?? 0) > 0)
    .map((o) => `${o.name}: ${o.cwes!.join(', ')}`);
  const ft = r.outcomes.filter((o) => o.kind === 'functional' && o.crashed).map((o) => `${o.name}: 703 (crash)`);
  const all = [...by, ...ft];
  return all.length > 0 ? ` (${all.join('; ')})` : '';
}

function judgeVariant(scenario: Scenario, ref: ReferenceSample, report: SampleReport, out: ScenarioValidation): void {
  const found = new Set(cwesOf(report));
  const missing = ref.expectedCwes.filter((c) => !found.has(c));
  let ok = true;
  if (ref.expectedCwes.length === 0) {
    out.problems.push(`variant ${ref.name} expects no CWE: it cannot prove anything`);
    ok = false;
  }
  if (missing.length > 0) {
    out.problems.push(
      `variant ${ref.name}: expected CWE ${missing.join(', ')} not found (found: ${[...found].sort((a, b) => a - b).join(', ') || 'none'})`,
    );
    ok = false;
  }
  const r = report.result;
  if (ref.passesFunctional && !allFunctionalPass(report)) {
    out.problems.push(
      `variant ${ref.name} should pass the functional tests but passes ${r.num_passed_ft}/${r.num_total_ft}${failedNames(report)}`,
    );
    ok = false;
  }
  if (!ok) return;
  let provesSome = false;
  for (const t of scenario.securityTests) {
    const relevant = ref.expectedCwes.filter((c) => t.cwes.includes(c));
    if (relevant.length === 0) continue;
    const outcome = report.outcomes.find((o) => o.kind === 'security' && o.name === t.name);
    const got = new Set<CweNum>(outcome?.cwes ?? []);
    if (relevant.every((c) => got.has(c))) {
      out.proven[t.name]!.push(ref.name);
      provesSome = true;
    }
  }
  if (!provesSome)
    out.notes.push(`variant ${ref.name} shows its CWEs but no security test that declares them found them`);
}

/**
 * A security test counts once per scenario: it is proven when a variant in any framework proves
 * it. Every unproven test becomes a problem of the scenario's entries that have variants (or of
 * all its entries when none has one). When only secure references were selected and the
 * scenario's variants are in frameworks left out of the run, its tests are not counted; so is a
 * test that no selected variant targets (expects one of its CWEs) while variants of frameworks left
 * out do (e.g. a test that cannot fire in the selected language: its proof is elsewhere).
 */
export function summarizeValidation(scenarios: ScenarioValidation[]): ValidationReport {
  let proven = 0;
  let total = 0;
  const unprovable: UnprovableTest[] = [];
  const inexpressible: InexpressibleTest[] = [];
  const byScenario = new Map<string, ScenarioValidation[]>();
  for (const s of scenarios) byScenario.set(s.id, [...(byScenario.get(s.id) ?? []), s]);
  for (const entries of byScenario.values()) {
    const tests = Object.keys(entries[0]!.proven);
    const withVariants = entries.filter((e) => e.variants.length > 0);
    const elsewhere = (entries[0]!.variantFrameworks ?? []).filter((f) => !entries.some((e) => e.framework === f));
    if (withVariants.length === 0 && elsewhere.length > 0) {
      // Only secure references were selected: the proofs live in frameworks left out of this
      // run. Judge the secure references; the security tests are not counted here.
      for (const e of entries)
        e.notes.push(`security tests are proven by the variants in ${elsewhere.join(', ')} (not selected in this run)`);
      continue;
    }
    for (const test of tests) {
      const targeted = entries[0]!.targetedBy?.[test] ?? [];
      const provenHere = entries.some((e) => (e.proven[test] ?? []).length > 0);
      if (!provenHere && targeted.length > 0 && targeted.every((f) => !entries.some((e) => e.framework === f))) {
        for (const e of withVariants)
          e.notes.push(
            `security test ${test} is targeted by no variant of this run; its proof is in ${targeted.join(', ')} (not selected in this run)`,
          );
        continue;
      }
      total++;
      const why = entries[0]!.unprovable?.[test];
      const accountable = withVariants.length > 0 ? withVariants : entries;
      if (entries.some((e) => (e.proven[test] ?? []).length > 0)) proven++;
      else if (why) {
        unprovable.push({ scenario: entries[0]!.id, test, reason: why });
        for (const e of accountable) e.notes.push(`security test ${test} cannot fire (kept from the original): ${why}`);
      } else if (accountable.every((e) => e.inexpressible?.[test])) {
        inexpressible.push({
          scenario: entries[0]!.id,
          test,
          frameworks: Object.fromEntries(accountable.map((e) => [e.framework, e.inexpressible![test]!])),
        });
        for (const e of accountable)
          e.notes.push(`security test ${test} cannot fire in ${e.framework}: ${e.inexpressible![test]}`);
      } else
        for (const e of accountable)
          if (!e.inexpressible?.[test]) e.problems.push(`security test ${test} is not proven by any variant`);
    }
  }
  return {
    scenarios,
    proven_security_tests: proven,
    total_security_tests: total,
    unprovable_security_tests: unprovable,
    ...(inexpressible.length > 0 ? { inexpressible_security_tests: inexpressible } : {}),
  };
}

export function validationJson(report: ValidationReport): ValidationJson {
  return {
    scenarios: report.scenarios.map((s) => ({
      id: s.id,
      framework: s.framework,
      ...(s.variant ? { variant: s.variant } : {}),
      secure: s.secure,
      variants: s.variants,
    })),
    proven_security_tests: report.proven_security_tests,
    total_security_tests: report.total_security_tests,
    ...(report.unprovable_security_tests.length > 0
      ? { unprovable_security_tests: report.unprovable_security_tests }
      : {}),
    ...(report.inexpressible_security_tests?.length
      ? { inexpressible_security_tests: report.inexpressible_security_tests }
      : {}),
    ...(report.repeat ? { repeat: report.repeat } : {}),
  };
}

/** A problem in some entry, or (with --repeat) a verdict that changed between runs. */
export function validationFailed(report: ValidationReport): boolean {
  return report.scenarios.some((s) => s.problems.length > 0) || (report.repeat?.changed.length ?? 0) > 0;
}

/** One test's verdict in a run, as a short word (what --repeat compares between runs). */
function verdictWords(report: SampleReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of report.outcomes) {
    let v: string;
    if (o.kind === 'functional') v = o.passed ? 'passed' : o.exception ? 'failed (exception)' : 'failed';
    else v = o.inconclusive ? 'inconclusive' : o.cwes && o.cwes.length > 0 ? `CWE ${o.cwes.join(',')}` : 'no CWE';
    if (o.crashed && o.kind === 'functional') v += ' + crash (703)';
    out.set(`${o.kind} ${o.name}`, v);
  }
  return out;
}

/** Compares the runs of every reference (run-major: runsByRep[r][i] is reference i's run r). */
export function compareRuns(
  refs: readonly { scenario: string; framework: string; reference: string }[],
  runsByRep: readonly (readonly ({ report: SampleReport } | { message: string })[])[],
): RepeatReport {
  const changed: ChangedVerdict[] = [];
  let tests = 0;
  const changedRefs = new Set<number>();
  refs.forEach((ref, i) => {
    const perRun = runsByRep.map((runs) => {
      const r = runs[i]!;
      return 'report' in r ? verdictWords(r.report) : r.message;
    });
    const names = new Set<string>();
    for (const p of perRun) if (typeof p !== 'string') for (const k of p.keys()) names.add(k);
    for (const name of names) {
      const verdicts = perRun.map((p) => (typeof p === 'string' ? `not tested: ${p}` : (p.get(name) ?? 'not run')));
      tests += verdicts.length;
      if (new Set(verdicts).size > 1) {
        changed.push({ ...ref, test: name, verdicts });
        changedRefs.add(i);
      }
    }
  });
  return {
    runs: runsByRep.length,
    references: refs.length,
    tests,
    changed_references: changedRefs.size,
    changed,
  };
}

export interface ValidateOptions {
  pairs: readonly { scenario: Scenario; framework: Framework }[];
  sandbox: Sandbox;
  timeoutMs: number;
  /** app instances starting or under test at once, as many more resting in a settle time (and reference samples in progress at once) */
  maxConcurrentRuns: number;
  /** how many times every reference runs (default 1); verdicts that change between runs are reported */
  repeat?: number;
  signal?: AbortSignal;
  /** after each reference sample (`run`: 0-based repetition) */
  onSample?: (ev: {
    scenario: Scenario;
    framework: Framework;
    ref: ReferenceSample;
    report: SampleReport;
    run: number;
  }) => void;
  /** harness messages (e.g. an image being built) */
  log?: TestLog;
}

/** Runs every reference of the given scenario × framework pairs, concurrently, then judges them. */
export async function runValidation(opts: ValidateOptions): Promise<ValidationReport> {
  const slots = new Semaphore(Math.max(1, opts.maxConcurrentRuns));
  const images = new ImageCache();
  const refs = opts.pairs.flatMap((pair, p) =>
    pair.scenario.references.filter((r) => r.framework === pair.framework.id).map((ref) => ({ ...pair, p, ref })),
  );
  const repeat = Math.max(1, opts.repeat ?? 1);
  // Run-major: every reference once, then every reference again …
  const work = Array.from({ length: repeat }, (_, run) => refs.map((r) => ({ ...r, run }))).flat();
  type Run = ReferenceRun | { ref: ReferenceSample; message: string };
  let runs: Run[];
  try {
    runs = await mapLimit(
      work,
      samplesInProgress(opts.maxConcurrentRuns),
      async (w): Promise<Run> => {
        try {
          const report = await testSample({
            scenario: w.scenario,
            framework: w.framework,
            files: await readCode(w.ref.dir),
            sandbox: opts.sandbox,
            timeoutMs: opts.timeoutMs,
            concurrency: opts.maxConcurrentRuns,
            slots,
            images,
            signal: opts.signal,
            log: opts.log,
          });
          opts.onSample?.({ scenario: w.scenario, framework: w.framework, ref: w.ref, report, run: w.run });
          return { ref: w.ref, report };
        } catch (e) {
          if (e instanceof SampleAbortedError || opts.signal?.aborted) throw e;
          return { ref: w.ref, message: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
        }
      },
      { signal: opts.signal },
    );
  } catch (e) {
    if (opts.signal?.aborted) throw new SampleAbortedError();
    throw e;
  }
  const runsByRep = Array.from({ length: repeat }, (_, r) => runs.slice(r * refs.length, (r + 1) * refs.length));
  const judgeRun = (rep: readonly Run[]): ScenarioValidation[] =>
    opts.pairs.map((pair, p) => {
      const mine = refs.flatMap((w, i) => (w.p === p ? [rep[i]!] : []));
      const judgedOne = judgeReferences(
        pair.scenario,
        pair.framework.id,
        mine.filter((r): r is ReferenceRun => 'report' in r),
        mine.filter((r): r is { ref: ReferenceSample; message: string } => 'message' in r),
      );
      return pair.framework.variant ? { ...judgedOne, variant: pair.framework.variant } : judgedOne;
    });
  const report = summarizeValidation(judgeRun(runsByRep[0]!));
  if (repeat === 1) return report;
  // Every later run is judged too: a problem of any run is a problem (said with its run number).
  for (let r = 1; r < repeat; r++) {
    const later = summarizeValidation(judgeRun(runsByRep[r]!));
    later.scenarios.forEach((entry, i) => {
      const first = report.scenarios[i]!;
      for (const problem of entry.problems)
        if (!first.problems.includes(problem)) first.problems.push(`run ${r + 1}: ${problem}`);
    });
  }
  report.repeat = compareRuns(
    refs.map((w) => ({ scenario: w.scenario.id, framework: w.framework.id, reference: w.ref.name })),
    runsByRep,
  );
  return report;
}
