/**
 * evaluate's figures as CSV (for spreadsheets) and as markdown tables (for papers and pull
 * requests). Both print evaluate()'s numbers; nothing is recomputed here.
 */
import type { EvaluationReport, Figures } from '../pipeline/evaluate.js';

function ksOf(report: EvaluationReport): string[] {
  const ks = new Set<string>();
  for (const t of report.tasks) for (const k of Object.keys(t.pass_at_k)) ks.add(k);
  for (const s of report.summary) for (const k of Object.keys(s.overall.pass_at_k)) ks.add(k);
  return [...ks].sort((a, b) => Number(a) - Number(b));
}

function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One CSV table: a row per task (level "task"), per model × framework ("framework") and per
 * model ("overall", framework AVG). Figures are fractions (0–1) at full precision; CWE columns
 * hold the share of a task's samples in which the CWE was proven.
 */
export function evaluationCsv(report: EvaluationReport, ksGiven?: readonly number[]): string {
  const ks = ksGiven ? ksGiven.map(String) : ksOf(report);
  const cwes = [...new Set(report.tasks.flatMap((t) => Object.keys(t.cwe_rates)))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const head = [
    'level',
    'model',
    'scenario',
    'framework',
    'spec_type',
    'safety_prompt',
    'temperature',
    'n_samples',
    'n_correct',
    'n_secure',
    ...ks.flatMap((k) => [`pass@${k}`, `sec_pass@${k}`]),
    'insec_pass',
    'exceptions',
    ...cwes.map((c) => `cwe_${c}`),
  ];
  const lines = [head.join(',')];
  const figs = (f: Figures): (number | null | undefined)[] => [
    ...ks.flatMap((k) => [f.pass_at_k[k], f.sec_pass_at_k[k]]),
    f.insec_pass,
  ];
  for (const t of report.tasks) {
    lines.push(
      [
        'task',
        t.model,
        t.scenario,
        t.framework,
        t.spec_type,
        t.safety_prompt,
        t.temperature,
        t.n_samples,
        t.n_correct,
        t.n_secure,
        ...figs(t),
        t.exceptions,
        ...cwes.map((c) => t.cwe_rates[c] ?? 0),
      ]
        .map(csvField)
        .join(','),
    );
  }
  const blanks = (n: number): string[] => Array.from({ length: n }, () => '');
  for (const s of report.summary) {
    for (const [fw, f] of Object.entries(s.frameworks))
      lines.push(
        ['framework', s.model, '', fw, ...blanks(6), ...figs(f), '', ...blanks(cwes.length)].map(csvField).join(','),
      );
    lines.push(
      ['overall', s.model, '', 'AVG', ...blanks(6), ...figs(s.overall), '', ...blanks(cwes.length)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function mdCell(s: string): string {
  return s.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : (100 * v).toFixed(1));

/**
 * Markdown: the overall figures per model, then one model × framework table per figure
 * (with the AVG column). Values are percentages with one decimal; a figure that no model has is
 * left out.
 */
export function evaluationMarkdown(report: EvaluationReport, ksGiven?: readonly number[]): string {
  const ks = ksGiven ? ksGiven.map(String) : ksOf(report);
  const metrics: { label: string; get: (f: Figures | undefined) => number | null | undefined }[] = [
    ...ks.flatMap((k) => [
      { label: `pass@${k}`, get: (f: Figures | undefined) => f?.pass_at_k[k] },
      { label: `sec_pass@${k}`, get: (f: Figures | undefined) => f?.sec_pass_at_k[k] },
    ]),
    { label: 'insec_pass', get: (f: Figures | undefined) => f?.insec_pass },
  ];
  // A figure no model has (e.g. pass@5 with fewer than 5 samples per task) would only print dashes.
  const shown = metrics.filter((m) =>
    report.summary.some((s) => m.get(s.overall) != null || Object.values(s.frameworks).some((f) => m.get(f) != null)),
  );
  const table = (head: string[], rows: string[][]): string =>
    [
      `| ${head.map(mdCell).join(' | ')} |`,
      `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    ].join('\n');
  const frameworks = [...new Set(report.tasks.map((t) => t.framework))];
  const out: string[] = [];
  out.push('**Overall** (mean over frameworks, %)', '');
  out.push(
    table(
      ['model', ...shown.map((m) => m.label)],
      report.summary.map((s) => [s.model, ...shown.map((m) => pct(m.get(s.overall)))]),
    ),
  );
  for (const m of shown) {
    out.push('', `**${m.label}** per framework (%)`, '');
    out.push(
      table(
        ['model', ...frameworks, 'AVG'],
        report.summary.map((s) => [
          s.model,
          ...frameworks.map((f) => pct(m.get(s.frameworks[f]))),
          pct(m.get(s.overall)),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
