/** The closing lines of `test`, `generate` and `evaluate`: what was done, what failed, the tables. */
import type { UsageReport } from '../generation/usage.js';
import type { EvaluationReport } from '../pipeline/evaluate.js';
import type { GenerateSummary } from '../pipeline/generate.js';
import type { TestRunSummary } from '../pipeline/test.js';
import { averagesTable, detailTable } from './table.js';
import { formatUsageLines, formatUsd } from './usage.js';

export function testSummaryLine(s: TestRunSummary): string {
  const parts = [
    `tested ${s.tested} sample(s) in ${(s.wallMs / 1000).toFixed(1)} s: ${s.correct} correct, ${s.secure} secure`,
    `skipped ${s.skippedExisting} with results (use --force to redo), ${s.skippedNoCode} without code`,
  ];
  if (s.errors > 0)
    parts.push(
      `${s.errors} not tested because of harness errors (no result recorded; run the command again to test them; see below)`,
    );
  if (s.interrupted > 0) parts.push(`${s.interrupted} not finished (interrupted)`);
  return parts.join('; ');
}

/** What evaluate says of samples left without results by harness errors (undefined when there are none). */
export function harnessErrorsLine(report: EvaluationReport): string | undefined {
  const n = report.harness_errors?.count ?? 0;
  if (n === 0) return undefined;
  return `note: ${n} sample(s) have no results because of harness errors (see harness_error.json and test.log in their folders); the figures leave them out; run \`baxbench test\` again to test them`;
}

/** `error: …` for the first `max` messages, then how many more and where to look. */
export function errorLines(messages: readonly string[], moreHint: string, max = 20): string[] {
  const lines = messages.slice(0, max).map((m) => `error: ${m}`);
  if (messages.length > max) lines.push(`… and ${messages.length - max} more ${moreHint}`);
  return lines;
}

/** What `generate` did, the usage of the samples on disk for the selection, and its errors. */
export function generationSummaryLines(summary: GenerateSummary, usage: UsageReport): string[] {
  const u = summary.usage;
  const lines = [
    `generated ${summary.generated} sample(s), ${summary.failed} without code (saved as failed), ${summary.errors} with no answer; ` +
      `kept ${summary.skipped} already there (use --force to redo${summary.skipped > 0 ? ', --skip-failed to keep failed ones' : ''}) in ${(summary.wallMs / 1000).toFixed(1)} s`,
    `this run: ${summary.requests} request(s), ${u.inputTokens} input + ${u.outputTokens} output tokens, cost ${formatUsd(summary.costUsd)}` +
      `${summary.unpriced ? ' (some models have no price; see --price-table)' : ''}`,
  ];
  const usageLines = formatUsageLines(usage);
  if (usageLines.length > 0) lines.push('samples on disk for this selection:', ...usageLines.map((l) => `  ${l}`));
  lines.push(...errorLines(summary.errorMessages, 'errors (see gen.log in the task folders)'));
  return lines;
}

/** The evaluate tables (averages, then details), and generation usage where it was recorded. */
export function evaluationText(report: EvaluationReport, opts: { color: boolean; usage?: UsageReport }): string {
  const parts = [averagesTable(report, opts), '', detailTable(report, opts)];
  if (opts.usage && opts.usage.total.tasks > 0) parts.push('', 'generation usage', ...formatUsageLines(opts.usage));
  return `${parts.join('\n')}\n`;
}
