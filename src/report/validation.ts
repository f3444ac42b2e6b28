/** What `baxbench validate` prints: the table of references and variants, and what it proved. */
import Table from 'cli-table3';
import type { ValidationReport } from '../pipeline/validate.js';

/** A framework left out because its base image is not here and no recipe here makes it. */
export function skippedFrameworkLine(id: string, base: string, variantCovers: readonly string[]): string {
  return `skipping ${id}: base image ${base} is not here (pull it, or name the framework with --envs; --framework-variant debian covers ${variantCovers.join(', ')})`;
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
          by.length > 0
            ? 'proven    '
            : s.unprovable?.[test]
              ? 'unprovable'
              : s.inexpressible?.[test]
                ? 'inexpressible in this language:'
                : elsewhere
                  ? 'elsewhere '
                  : 'unproven  ';
        lines.push(`  ${state} ${test}${by.length > 0 ? ` (by ${by.join(', ')})` : ''}`);
      }
    }
    for (const p of s.problems) lines.push(`  problem: ${p}`);
    for (const n of s.notes) lines.push(`  note: ${n}`);
  }
  const variants = new Map(report.scenarios.filter((s) => s.variant).map((s) => [s.framework, s.variant!]));
  for (const [fw, v] of variants)
    lines.push(`${fw} ran as variant ${v.name}: ${v.summary} — not the original framework's results`);
  if (report.repeat) lines.push(...repeatLines(report));
  const bad = report.scenarios.filter((s) => s.problems.length > 0).length;
  const cannot = report.unprovable_security_tests.length;
  const inexpressible = report.inexpressible_security_tests ?? [];
  const exempt = [
    ...(cannot > 0
      ? [
          `${cannot} cannot fire by construction, kept from the original: ${report.unprovable_security_tests.map((u) => `${u.scenario}.${u.test}`).join(', ')}`,
        ]
      : []),
    ...(inexpressible.length > 0
      ? [
          `${inexpressible.length} cannot fire in the selected frameworks' languages: ${inexpressible.map((u) => `${u.scenario}.${u.test} (${Object.keys(u.frameworks).join(', ')})`).join(', ')}`,
        ]
      : []),
  ];
  lines.push(
    `${report.proven_security_tests}/${report.total_security_tests} security tests proven${exempt.length > 0 ? ` (${exempt.join('; ')})` : ''}; ${report.scenarios.length - bad}/${report.scenarios.length} scenario × framework entries without problems`,
  );
  return lines.join('\n');
}

/** validate --repeat: how repeatable the verdicts were, and a table of those that changed. */
export function repeatLines(report: ValidationReport): string[] {
  const r = report.repeat;
  if (!r) return [];
  const pct = (n: number, of: number): string => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '0%');
  const lines = [
    `repeat: every reference ran ${r.runs} times; ${r.changed_references}/${r.references} references (${pct(r.changed_references, r.references)}) had a verdict that changed between runs; ${r.changed.length} of ${r.tests / r.runs} tests changed (${pct(r.changed.length, r.tests / r.runs)})`,
  ];
  if (r.changed.length === 0) return lines;
  const table = new Table({
    head: ['scenario', 'framework', 'reference', 'test', ...Array.from({ length: r.runs }, (_, i) => `run ${i + 1}`)],
    style: { head: [], border: [] },
  });
  for (const c of r.changed) table.push([c.scenario, c.framework, c.reference, c.test, ...c.verdicts]);
  lines.push(table.toString());
  return lines;
}
