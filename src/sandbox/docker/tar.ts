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
