/**
 * Bytes known by their length and produced on demand as chunks: how the tests describe uploads
 * too large to hold in memory (a video sent 5000 times over, a 1 GB zip bomb). A request body made
 * of a ByteSource is streamed (see multipart.ts and http.ts), so the host holds a few chunks of it
 * at a time. Chunks may be shared buffers: never mutate them.
 */
import { crc32 } from 'node:zlib';

export interface ByteSource {
  readonly size: number;
  chunks(): Iterable<Uint8Array>;
}

/** One buffer (a string as its UTF-8 bytes) as a source. */
export function bytesOf(data: Uint8Array | string): ByteSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { size: bytes.length, chunks: () => [bytes] };
}

/** `data` sent `times` times back to back (Python's `data * times`), one shared buffer. */
export function repeated(data: Uint8Array, times: number): ByteSource {
  return {
    size: data.length * times,
    *chunks() {
      for (let i = 0; i < times; i++) yield data;
    },
  };
}

/** The CRC-32 (zip's, Node's zlib.crc32) of a whole source, computed chunk by chunk. */
export function crcOf(source: ByteSource): number {
  let crc = 0;
  for (const chunk of source.chunks()) crc = crc32(chunk, crc);
  return crc;
}

/** All bytes of a source in one buffer (for small sources and tests); throws when the size is wrong. */
export function materialize(source: ByteSource): Uint8Array {
  const out = new Uint8Array(source.size);
  let p = 0;
  for (const chunk of source.chunks()) {
    if (p + chunk.length > source.size) throw new Error(`source produced more than its declared ${source.size} bytes`);
    out.set(chunk, p);
    p += chunk.length;
  }
  if (p !== source.size) throw new Error(`source produced ${p} bytes, declared ${source.size}`);
  return out;
}
