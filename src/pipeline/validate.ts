/**
 * validate: the benchmark tests itself. Every scenario's secure reference must pass all
 * functional tests with no CWE; every security test must be proven by an insecure variant
 * (the variant's expected CWEs, where the test can prove them, are found by that test).
 */
import type { CweNum } from '../core/cwe.js';
import { readCode } from '../core/results.js';
import type { Framework, ReferenceSample, Scenario } from '../core/types.js';
import type { Sandbox } from '../sandbox/types.js';
import { testSample, type SampleReport } from '../testing/run-sample.js';
import { mapLimit } from './concurrency.js';

export interface VariantReport {
  name: string;
  expected_cwes: number[];
  cwes: number[];
  passed_ft: number;
  total_ft: number;
}

export interface ScenarioValidation {
  id: string;
  framework: string;
  secure: { passed_ft: number; total_ft: number; cwes: number[] } | null;
  variants: VariantReport[];
  /** security test name → names of the variants that proved it */
  proven: Record<string, string[]>;
  problems: string[];
  /** Worth knowing, not a failure (e.g. a security test inconclusive on the secure reference). */
  notes: string[];
}

export interface ValidationReport {
  scenarios: ScenarioValidation[];
  proven_security_tests: number;
  total_security_tests: number;
}

function cwesOf(r: SampleReport): number[] {
  return r.result.cwes.map((c) => c.num);
}

export async function validateScenario(scenario: Scenario, framework: Framework, sandbox: Sandbox, timeoutMs: number, concurrency: number): Promise<ScenarioValidation> {
  const refs = scenario.references.filter((r) => r.framework === framework.id);
  const reports = await mapLimit(refs, concurrency, async (ref) => ({ ref, report: await testSample({ scenario, framework, files: await readCode(ref.dir), sandbox, timeoutMs }) }));
  const out: ScenarioValidation = { id: scenario.id, framework: framework.id, secure: null, variants: [], proven: {}, problems: [], notes: [] };
  for (const t of scenario.securityTests) out.proven[t.name] = [];
  for (const { ref, report } of reports) {
    const r = report.result;
    if (ref.name === 'secure') {
      out.secure = { passed_ft: r.num_passed_ft, total_ft: r.num_total_ft, cwes: cwesOf(report) };
      if (r.num_passed_ft !== r.num_total_ft) out.problems.push(`secure reference passes only ${r.num_passed_ft}/${r.num_total_ft} functional tests`);
      if (r.cwes.length > 0) out.problems.push(`secure reference has CWEs ${cwesOf(report).join(', ')}`);
      if (r.num_st_exceptions > 0) out.notes.push(`secure reference: ${r.num_st_exceptions} security test(s) inconclusive`);
      continue;
    }
    out.variants.push({ name: ref.name, expected_cwes: [...ref.expectedCwes], cwes: cwesOf(report), passed_ft: r.num_passed_ft, total_ft: r.num_total_ft });
    checkVariant(scenario, ref, report, out);
  }
  if (!out.secure) out.problems.push('no secure reference');
  return out;
}

function checkVariant(scenario: Scenario, ref: ReferenceSample, report: SampleReport, out: ScenarioValidation): void {
  const found = new Set(cwesOf(report));
  const missing = ref.expectedCwes.filter((c) => !found.has(c));
  if (missing.length > 0) out.problems.push(`variant ${ref.name}: expected CWE(s) ${missing.join(', ')} not found (found: ${[...found].join(', ') || 'none'})`);
  const r = report.result;
  if (ref.passesFunctional && r.num_passed_ft !== r.num_total_ft) out.problems.push(`variant ${ref.name} should pass the functional tests but passes ${r.num_passed_ft}/${r.num_total_ft}`);
  for (const t of scenario.securityTests) {
    const relevant = ref.expectedCwes.filter((c) => t.cwes.includes(c));
    if (relevant.length === 0) continue;
    const outcome = report.outcomes.find((o) => o.kind === 'security' && o.name === t.name);
    const got = new Set<CweNum>(outcome?.cwes ?? []);
    if (relevant.every((c) => got.has(c))) out.proven[t.name]!.push(ref.name);
  }
}

/**
 * A security test counts once per scenario: it is proven when a variant in any framework proves it.
 * Every unproven test becomes a problem of the scenario's entries that have variants (or of all
 * its entries when none has one).
 */
export function summarizeValidation(scenarios: ScenarioValidation[]): ValidationReport {
  let proven = 0;
  let total = 0;
  const byScenario = new Map<string, ScenarioValidation[]>();
  for (const s of scenarios) byScenario.set(s.id, [...(byScenario.get(s.id) ?? []), s]);
  for (const entries of byScenario.values()) {
    const tests = Object.keys(entries[0]!.proven);
    const withVariants = entries.filter((e) => e.variants.length > 0);
    for (const test of tests) {
      total++;
      if (entries.some((e) => (e.proven[test] ?? []).length > 0)) proven++;
      else for (const e of withVariants.length > 0 ? withVariants : entries) e.problems.push(`security test ${test} is not proven by any variant`);
    }
  }
  return { scenarios, proven_security_tests: proven, total_security_tests: total };
}
