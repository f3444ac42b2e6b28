/**
 * One line per image build, from the sandbox's BuildProgress events: what is built, step n/m,
 * elapsed, what the step does — cut to the terminal's width (the instruction is cut first).
 */
import type { BuildProgress } from '../sandbox/index.js';

/** 41s, 1m12s, 2h03m. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function cut(text: string, width: number): string {
  if (width <= 1) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * `building node:22.12-bullseye · step 3/12 · 41s · RUN apt-get update …` while it runs,
 * `built node:22.12-bullseye in 1m12s` / `building … failed at step 3/12 after 41s; full output: <log>` at its end.
 */
export function buildProgressLine(p: BuildProgress, now: number, width = 120): string {
  const elapsed = formatDuration(Math.max(0, now - p.startedAt) / 1000);
  const step = p.step !== undefined && p.steps !== undefined ? `step ${p.step}/${p.steps}` : undefined;
  if (p.state === 'done') return `built ${p.image} in ${elapsed}`;
  if (p.state === 'failed')
    return `building ${p.image} failed${step ? ` at ${step}` : ` (${p.activity})`} after ${elapsed}${p.logFile ? `; full output: ${p.logFile}` : ''}`;
  const head = [`building ${p.image}`, ...(step ? [step] : []), elapsed].join(' · ');
  const activity = p.activity.replace(/\s+/g, ' ');
  return cut(`${head} · ${activity}`, Math.max(width, head.length + 4));
}

/** The line for several builds at once: the latest running one, and how many more run. */
export function buildsLine(running: readonly BuildProgress[], now: number, width = 120): string | undefined {
  const latest = running[running.length - 1];
  if (!latest) return undefined;
  const more = running.length > 1 ? ` (+${running.length - 1} more)` : '';
  return `${buildProgressLine(latest, now, width - more.length)}${more}`;
}
