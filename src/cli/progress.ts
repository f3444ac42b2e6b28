/**
 * Progress on stderr. On a TTY one line redrawn in place (and every second, so elapsed times
 * move); otherwise plain lines, printed only when something changes, so logs of CI runs stay short.
 */
import type { BuildProgress } from '../sandbox/index.js';
import { buildsLine, formatDuration } from '../report/build-progress.js';

/** One live line: redrawn in place on a TTY, printed once per change elsewhere. */
export class LiveLine {
  private render: (() => string) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;
  private ended = false;

  constructor(
    readonly out: NodeJS.WriteStream = process.stderr,
    readonly tty = out.isTTY === true,
  ) {}

  /** The line's width: the terminal's, else 120. */
  get width(): number {
    return this.tty ? (this.out.columns ?? 120) - 1 : 120;
  }

  /** Shows `render()`: in place on a TTY (redrawn every second until changed), printed once elsewhere. */
  show(render: (() => string) | undefined): void {
    if (this.ended) return;
    this.render = render;
    if (!this.tty) {
      if (render) this.out.write(`${render()}\n`);
      return;
    }
    if (render && !this.timer) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    } else if (!render && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.draw();
  }

  /** A line that stays (printed above the live line on a TTY). */
  print(message: string): void {
    if (this.tty && !this.ended) {
      this.out.write(`\r\x1b[K${message}\n`);
      this.draw();
    } else this.out.write(`${message}\n`);
  }

  private draw(): void {
    if (!this.tty || this.ended) return;
    const text = this.render?.() ?? '';
    this.out.write(`\r\x1b[K${text.slice(0, this.width)}`);
    this.drawn = text !== '';
  }

  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && !this.ended && this.drawn) this.out.write('\n');
    this.ended = true;
  }
}

/** A progress bar over a known number of items (counts, elapsed, ETA, last item or a status). */
export class Progress {
  private done = 0;
  private readonly t0 = Date.now();
  private lastDetail = '';
  private status: (() => string) | undefined;
  private readonly live: LiveLine;

  constructor(
    private readonly total: number,
    private readonly label: string,
    out: NodeJS.WriteStream = process.stderr,
    tty = out.isTTY === true,
  ) {
    this.live = new LiveLine(out, tty);
  }

  private line(detail: string): string {
    const pct = this.total === 0 ? 100 : Math.floor((100 * this.done) / this.total);
    const width = 24;
    const filled = Math.round((width * pct) / 100);
    const elapsed = (Date.now() - this.t0) / 1000;
    const eta =
      this.done > 0 && this.done < this.total
        ? ` eta ${formatDuration((elapsed / this.done) * (this.total - this.done))}`
        : '';
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${formatDuration(elapsed)}${eta} ${detail}`;
  }

  private redraw(): void {
    if (this.status || this.done > 0) this.live.show(() => this.line(this.status?.() ?? this.lastDetail));
    else this.live.show(undefined);
  }

  /** One item finished. */
  tick(detail: string): void {
    this.done++;
    this.lastDetail = detail;
    if (this.live.tty) this.redraw();
    else this.live.out.write(`${this.line(detail)}\n`);
  }

  /**
   * A passing status (e.g. an image being built): on a TTY it takes the place of the last item
   * on the bar's line; elsewhere it is printed once. Undefined clears it.
   */
  setStatus(render: (() => string) | undefined): void {
    this.status = render;
    if (this.live.tty) this.redraw();
    else if (render) this.live.out.write(`${render()}\n`);
  }

  /** A message that must not be overwritten by the bar (printed above it on a TTY). */
  note(message: string): void {
    this.live.print(message);
  }

  /** The width a status line may take. */
  get width(): number {
    return this.live.width;
  }

  end(): void {
    this.live.end();
  }
}

/**
 * Turns BuildProgress events (several builds may run at once) into one status: the latest
 * running build, and how many more run; cleared when none runs. `show` gets the status.
 */
export function buildStatus(
  show: (render: (() => string) | undefined) => void,
  width: () => number,
): (p: BuildProgress) => void {
  const running = new Map<string, BuildProgress>();
  return (p) => {
    running.delete(p.image);
    if (p.state === 'running') running.set(p.image, p);
    const list = [...running.values()];
    show(list.length > 0 ? () => buildsLine(list, Date.now(), width()) ?? '' : undefined);
  };
}
