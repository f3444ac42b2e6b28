/**
 * Progress on stderr: on a TTY one line redrawn in place (bar, counts, elapsed, ETA, last item);
 * otherwise plain lines, one per finished item, so logs of CI runs stay readable.
 */
export class Progress {
  private done = 0;
  private readonly t0 = Date.now();
  private last = '';
  private ended = false;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly tty = out.isTTY === true,
  ) {}

  private line(detail: string): string {
    const pct = this.total === 0 ? 100 : Math.floor((100 * this.done) / this.total);
    const width = 24;
    const filled = Math.round((width * pct) / 100);
    const elapsed = (Date.now() - this.t0) / 1000;
    const eta =
      this.done > 0 && this.done < this.total ? ` eta ${fmt((elapsed / this.done) * (this.total - this.done))}` : '';
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${fmt(elapsed)}${eta} ${detail}`;
  }

  private draw(): void {
    if (this.tty && !this.ended) this.out.write(`\r\x1b[K${this.last.slice(0, (this.out.columns ?? 120) - 1)}`);
  }

  /** One item finished. */
  tick(detail: string): void {
    this.done++;
    this.last = this.line(detail);
    if (this.tty) this.draw();
    else this.out.write(`${this.last}\n`);
  }

  /** A message that must not be overwritten by the bar (printed above it on a TTY). */
  note(message: string): void {
    if (this.tty && !this.ended) {
      this.out.write(`\r\x1b[K${message}\n`);
      this.draw();
    } else this.out.write(`${message}\n`);
  }

  end(): void {
    if (this.tty && !this.ended && this.last) this.out.write('\n');
    this.ended = true;
  }
}

function fmt(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
