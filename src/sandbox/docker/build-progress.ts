/**
 * Follows one image build: its output goes to the reporter's log in full, and a progress event
 * goes out only when something changes (a new phase such as debootstrap, or a new Dockerfile
 * step read from the build stream's `Step n/m : …` lines), so callers can show one line per image.
 * The first event comes with the first phase or step.
 */
import type { BuildProgress, BuildReporter } from '../backend.js';

export interface BuildStep {
  readonly step: number;
  readonly steps: number;
  readonly instruction: string;
}

/** The step of a legacy-builder line `Step 3/12 : RUN …`, or undefined for any other line. */
export function parseBuildStep(line: string): BuildStep | undefined {
  const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(line.trim());
  if (!m) return undefined;
  return { step: Number(m[1]), steps: Number(m[2]), instruction: m[3]!.trim() };
}

export class BuildTracker {
  readonly startedAt: number;
  private current: Pick<BuildProgress, 'activity' | 'step' | 'steps'>;
  private partial = '';
  private ended = false;

  constructor(
    readonly image: string,
    private readonly report: BuildReporter,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.current = { activity: 'starting' };
  }

  /** The file holding the build's full output, if any. */
  get logFile(): string | undefined {
    return this.report.logFile;
  }

  /** A phase outside the Dockerfile (debootstrap, npm pack, import …). */
  phase(activity: string): void {
    this.current = { activity };
    this.report.output(`== ${activity}\n`);
    this.emit('running');
  }

  /** Output of the build as it comes (chunks need not end at line breaks). */
  output(text: string): void {
    this.report.output(text);
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    // Docker sends a step's header line without its line break, then the break on its own.
    if (parseBuildStep(this.partial)) {
      lines.push(this.partial);
      this.partial = '';
    }
    for (const line of lines) {
      const s = parseBuildStep(line);
      if (s) {
        this.current = { activity: s.instruction, step: s.step, steps: s.steps };
        this.emit('running');
      }
    }
  }

  done(): void {
    this.end('done');
  }

  failed(): void {
    this.end('failed');
  }

  private end(state: 'done' | 'failed'): void {
    if (this.ended) return;
    this.ended = true;
    this.emit(state);
  }

  private emit(state: BuildProgress['state']): void {
    const logFile = this.report.logFile;
    this.report.progress({
      image: this.image,
      ...this.current,
      startedAt: this.startedAt,
      state,
      ...(logFile ? { logFile } : {}),
    });
  }
}
