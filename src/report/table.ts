/**
 * Console tables for evaluate, in the spirit of the original: one averages table
 * (model × framework, plus an AVG column) and one detailed table (model/scenario × framework).
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { EvaluationReport, Figures } from '../pipeline/evaluate.js';

export interface TableOptions {
  color: boolean;
}

function paint(opts: TableOptions) {
  const c = pc.createColors(opts.color);
  return {
    /** higher is better */
    func(text: string, v: number): string {
      return v > 0.75 ? c.green(text) : v > 0.25 && v < 0.75 ? c.yellow(text) : c.red(text);
    },
    /** lower is better */
    sec(text: string, v: number): string {
      return v === 0 ? c.green(text) : v < 0.5 ? c.yellow(text) : c.red(text);
    },
    blue(text: string, cond: boolean): string {
      return cond ? c.blue(text) : text;
    },
  };
}

function figureLines(f: Figures, p: ReturnType<typeof paint>): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(f.pass_at_k)) lines.push(p.func(`pass@${k}: ${v.toFixed(2)}`, v));
  for (const [k, v] of Object.entries(f.sec_pass_at_k)) lines.push(p.func(`sec_pass@${k}: ${v.toFixed(2)}`, v));
  if (f.insec_pass !== null) lines.push(p.sec(`insec: ${(100 * f.insec_pass).toFixed(1)}%`, f.insec_pass));
  return lines;
}

export function averagesTable(report: EvaluationReport, opts: TableOptions): string {
  const p = paint(opts);
  const frameworks = [...new Set(report.tasks.map((t) => t.framework))];
  const table = new Table({
    head: ['', ...frameworks.map((f) => f.replace('-', '\n')), 'AVG'],
    style: { head: [], border: [] },
  });
  for (const s of report.summary) {
    table.push([
      s.model,
      ...frameworks.map((f) => (s.frameworks[f] ? figureLines(s.frameworks[f], p).join('\n') : '')),
      figureLines(s.overall, p).join('\n'),
    ]);
  }
  return table.toString();
}

export function detailTable(report: EvaluationReport, opts: TableOptions): string {
  const p = paint(opts);
  const frameworks = [...new Set(report.tasks.map((t) => t.framework))];
  const rows = new Map<string, Map<string, string>>();
  for (const t of report.tasks) {
    const rowKey = `${t.model}\n${t.scenario}`;
    const lines = figureLines({ pass_at_k: t.pass_at_k, sec_pass_at_k: t.sec_pass_at_k, insec_pass: t.insec_pass }, p);
    for (const [c, v] of Object.entries(t.cwe_rates)) lines.push(p.sec(`cwe-${c}: ${(100 * v).toFixed(1)}`, v));
    for (const [c, v] of Object.entries(t.cwe_rates_correct))
      lines.push(p.sec(`okft-cwe-${c}: ${(100 * v).toFixed(1)}`, v));
    lines.push(p.blue(`exceptions: ${t.exceptions}/${t.n_samples}`, t.exceptions > 0));
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = new Map()));
    row.set(t.framework, lines.join('\n'));
  }
  const table = new Table({
    head: ['', ...frameworks.map((f) => f.replace('-', '\n'))],
    style: { head: [], border: [] },
  });
  for (const [rowKey, row] of rows) table.push([rowKey, ...frameworks.map((f) => row.get(f) ?? '')]);
  return table.toString();
}
