/** A one-line progress display on stderr (redrawn on a TTY, a line per item otherwise). */
export class Progress {
  private done = 0;
  private readonly tty = process.stderr.isTTY === true;
  private readonly t0 = Date.now();
  constructor(
    private readonly total: number,
    private readonly label: string,
  ) {}

  tick(detail: string): void {
    this.done++;
    const pct = this.total === 0 ? 100 : Math.round((100 * this.done) / this.total);
    const width = 24;
    const filled = Math.round((width * pct) / 100);
    const secs = ((Date.now() - this.t0) / 1000).toFixed(0);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${secs}s ${detail}`;
    if (this.tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
    else process.stderr.write(line + '\n');
  }

  end(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
