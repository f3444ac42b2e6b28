/**
 * Bounded collection of app-controlled bytes (exec output, logs, build output): whatever the app
 * writes, the harness keeps at most a fixed number of bytes, knows how many it dropped, and says
 * so. Also an incremental splitter of Docker's multiplexed stdout/stderr stream, so nothing has
 * to be held whole before it is split.
 */

/** Keeps the first `head` bytes and the last `tail` bytes of what is pushed; counts the rest. */
export class HeadTail {
  private readonly first: Buffer[] = [];
  private firstLen = 0;
  private readonly last: Buffer[] = [];
  private lastLen = 0;
  /** Every byte pushed, kept or not. */
  total = 0;

  constructor(
    private readonly head: number,
    private readonly tail: number,
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.firstLen < this.head) {
      const take = Math.min(this.head - this.firstLen, rest.length);
      this.first.push(Buffer.from(rest.subarray(0, take)));
      this.firstLen += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tail === 0) return;
    if (rest.length >= this.tail) {
      this.last.length = 0;
      this.last.push(Buffer.from(rest.subarray(rest.length - this.tail)));
      this.lastLen = this.tail;
      return;
    }
    this.last.push(Buffer.from(rest));
    this.lastLen += rest.length;
    while (this.lastLen > this.tail) {
      const over = this.lastLen - this.tail;
      const b = this.last[0]!;
      if (b.length <= over) {
        this.last.shift();
        this.lastLen -= b.length;
      } else {
        this.last[0] = b.subarray(over);
        this.lastLen -= over;
      }
    }
  }

  /** Bytes dropped between the kept head and the kept tail. */
  get dropped(): number {
    return this.total - this.firstLen - this.lastLen;
  }

  /** The kept text; when bytes were dropped, `note(dropped)` marks where. */
  text(note: (dropped: number) => string): string {
    const head = Buffer.concat(this.first).toString('utf8');
    const tail = Buffer.concat(this.last).toString('utf8');
    return this.dropped > 0 ? `${head}${note(this.dropped)}${tail}` : head + tail;
  }
}

/** A size for people: `1.5 MiB`, `300 KiB`, `12 B`. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

/**
 * Splits Docker's multiplexed stream (8-byte header [stream, 0, 0, 0, size(4)] + payload per frame)
 * as chunks arrive; frames may span chunks. Stream 2 is stderr, 0/1 stdout.
 */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);
  private need = 0;
  private stream = 1;

  constructor(private readonly onData: (stream: 'stdout' | 'stderr', data: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    for (;;) {
      if (this.need > 0) {
        if (buf.length === 0) return;
        const take = Math.min(this.need, buf.length);
        this.onData(this.stream === 2 ? 'stderr' : 'stdout', buf.subarray(0, take));
        this.need -= take;
        buf = buf.subarray(take);
        continue;
      }
      if (buf.length < 8) {
        this.pending = Buffer.from(buf);
        return;
      }
      this.stream = buf[0]!;
      this.need = buf.readUInt32BE(4);
      buf = buf.subarray(8);
    }
  }
}
