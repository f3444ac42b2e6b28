/** Small helpers to make and read tar archives in memory (Docker's file transfer format). */
import { pack as tarPack, extract as tarExtract } from 'tar-stream';
import type { Readable } from 'node:stream';

export interface TarEntry {
  readonly name: string;
  readonly data: string | Uint8Array;
  readonly mode?: number;
}

export async function makeTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  for (const e of entries) {
    const buf = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    await new Promise<void>((resolve, reject) =>
      p.entry({ name: e.name, size: buf.length, mode: e.mode ?? 0o644 }, buf, (err) => (err ? reject(err) : resolve())),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Reads the first regular file out of a tar stream. */
export async function firstFileFromTar(stream: Readable): Promise<Buffer | undefined> {
  const ex = tarExtract();
  let found: Buffer | undefined;
  await new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, s, next) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: unknown) => {
        if (found === undefined && header.type === 'file') chunks.push(c as Buffer);
      });
      s.on('end', () => {
        if (found === undefined && header.type === 'file') found = Buffer.concat(chunks);
        next();
      });
      s.resume();
    });
    ex.on('finish', () => resolve());
    ex.on('error', reject);
    stream.on('error', reject);
    stream.pipe(ex);
  });
  return found;
}

export interface CappedFile {
  /** The file's first bytes, at most the cap. */
  readonly data: Buffer;
  /** The file's size as the archive says. */
  readonly size: number;
  /** Whether the file was larger than the cap (data holds only its start). */
  readonly truncated: boolean;
}

/**
 * Reads the first regular file out of a tar stream, keeping at most `maxBytes` of it: once the cap
 * is reached the source is destroyed, so a huge file costs neither memory nor the time to send it.
 */
export async function firstFileFromTarCapped(stream: Readable, maxBytes: number): Promise<CappedFile | undefined> {
  const ex = tarExtract();
  return await new Promise<CappedFile | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (v: CappedFile | undefined, err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err !== undefined) reject(err);
      else resolve(v);
    };
    ex.on('entry', (header, s, next) => {
      if (settled || header.type !== 'file') {
        s.on('end', next);
        s.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      const size = header.size ?? 0;
      s.on('data', (chunk: unknown) => {
        const c = chunk as Buffer;
        if (settled) return;
        const take = Math.min(c.length, maxBytes - kept);
        if (take > 0) {
          chunks.push(Buffer.from(c.subarray(0, take)));
          kept += take;
        }
        if (kept >= maxBytes && size > maxBytes) {
          finish({ data: Buffer.concat(chunks), size, truncated: true });
          stream.unpipe(ex);
          (stream as Readable & { destroy?: () => void }).destroy?.();
          ex.destroy();
        }
      });
      s.on('end', () => {
        finish({ data: Buffer.concat(chunks), size, truncated: false });
        next();
      });
    });
    ex.on('finish', () => finish(undefined));
    ex.on('error', (e) => finish(undefined, e));
    stream.on('error', (e) => finish(undefined, e));
    stream.pipe(ex);
  });
}
