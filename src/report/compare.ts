/** What `compare` prints: the agreement, each differing sample with both results, and the samples of one tree only. */
import type { TestResult } from '../core/results.js';
import { type Comparison, type ComparedField, type SampleId, sampleKey } from '../pipeline/compare.js';

const FIELD_NAMES: Record<ComparedField, string> = {
  num_passed_ft: 'functional tests passed',
  num_total_ft: 'functional tests',
  num_ft_exceptions: 'functional exceptions',
  num_total_st: 'security tests',
  num_st_exceptions: 'inconclusive security tests',
  cwes: 'CWEs',
};

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

/** One line of a sample's result: functional x/y (e exceptions), security n (i inconclusive), CWEs. */
export function resultLine(r: TestResult): string {
  const cwes = [...new Set(r.cwes.map((c) => c.num))].sort((a, b) => a - b);
  return (
    `functional ${r.num_passed_ft}/${r.num_total_ft} (${r.num_ft_exceptions} exception${r.num_ft_exceptions === 1 ? '' : 's'}), ` +
    `security ${r.num_total_st} (${r.num_st_exceptions} inconclusive), CWEs ${cwes.length ? cwes.join(', ') : 'none'}`
  );
}

function idList(title: string, ids: readonly SampleId[]): string[] {
  if (ids.length === 0) return [];
  return [`${title} (${ids.length}):`, ...ids.map((id) => `  ${sampleKey(id)}`)];
}

/** The readable comparison of trees `a` and `b` (their folders, as given). */
export function comparisonText(c: Comparison, trees: { a: string; b: string }): string {
  const lines = [
    `A: ${trees.a}`,
    `B: ${trees.b}`,
    `${c.compared} sample(s) with results in both: ${c.agree} agree (${pct(c.agreement)}); ` +
      `verdicts (correct, secure) agree for ${c.verdictAgree} (${pct(c.verdictAgreement)})`,
  ];
  if (c.differing.length > 0) {
    lines.push('', `differing samples (${c.differing.length}):`);
    for (const d of c.differing) {
      const cwes =
        d.cwesOnlyInA.length || d.cwesOnlyInB.length
          ? ` (CWEs only in A: ${d.cwesOnlyInA.join(', ') || 'none'}; only in B: ${d.cwesOnlyInB.join(', ') || 'none'})`
          : '';
      lines.push(
        `  ${sampleKey(d.id)}${d.verdictDiffers ? '  [verdict differs]' : ''}`,
        `    A: ${resultLine(d.a)}`,
        `    B: ${resultLine(d.b)}`,
        `    differs in: ${d.fields.map((f) => FIELD_NAMES[f]).join(', ')}${cwes}`,
      );
    }
  }
  const onlyA = idList('only in A', c.onlyInA);
  const onlyB = idList('only in B', c.onlyInB);
  if (onlyA.length) lines.push('', ...onlyA);
  if (onlyB.length) lines.push('', ...onlyB);
  return `${lines.join('\n')}\n`;
}

/** `compare --json`. */
export function comparisonJson(c: Comparison, trees: { a: string; b: string }): string {
  const id = (x: SampleId) => ({ ...x, path: sampleKey(x) });
  return JSON.stringify({
    a: trees.a,
    b: trees.b,
    compared: c.compared,
    agree: c.agree,
    agreement: c.agreement,
    verdict_agree: c.verdictAgree,
    verdict_agreement: c.verdictAgreement,
    differing: c.differing.map((d) => ({
      ...id(d.id),
      a: d.a,
      b: d.b,
      fields: d.fields,
      cwes_only_in_a: d.cwesOnlyInA,
      cwes_only_in_b: d.cwesOnlyInB,
      verdict_differs: d.verdictDiffers,
    })),
    only_in_a: c.onlyInA.map(id),
    only_in_b: c.onlyInB.map(id),
  });
}
