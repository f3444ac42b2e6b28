/** Token and cost lines from a usage report (generation/usage.ts reads and adds them up). */
import type { UsageReport, UsageTotals } from '../generation/usage.js';

export function formatUsd(v: number | null): string {
  if (v === null) return 'n/a';
  return v < 0.01 && v > 0 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Human-readable lines of a usage report (one per model with usage, then the total). */
export function formatUsageLines(report: UsageReport): string[] {
  const lines: string[] = [];
  const line = (label: string, t: UsageTotals): string =>
    `${label}: ${fmtInt(t.samples)} sample(s), ${fmtInt(t.input_tokens)} input + ${fmtInt(t.output_tokens)} output tokens` +
    (t.reasoning_tokens > 0 ? ` (${fmtInt(t.reasoning_tokens)} reasoning)` : '') +
    `, cost ${formatUsd(t.cost_usd)}` +
    (t.unpriced_samples > 0 && t.cost_usd !== null ? ` (+${t.unpriced_samples} sample(s) without a price)` : '') +
    (t.spent_total_tokens > t.total_tokens
      ? `; all requests: ${fmtInt(t.spent_total_tokens)} tokens, ${formatUsd(t.spent_cost_usd)}`
      : '');
  const withUsage = report.models.filter((m) => m.tasks > 0);
  for (const m of withUsage) lines.push(line(m.model, m));
  if (withUsage.length > 1) lines.push(line('total', report.total));
  return lines;
}
