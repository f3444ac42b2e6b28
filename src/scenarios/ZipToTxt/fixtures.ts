/**
 * The zip archives the ZipToTxt tests upload, made in code.
 *
 * Small archives go through fflate's zipSync with level 0. The bombs are what the original
 * builds with Python's zipfile defaults: every entry STORED (no compression), so the data travels
 * in full — 100 MiB for the plain bomb, about 1 GB for the nested one. They are never held in
 * memory: an archive is described as a sequence of chunks (small headers around references to
 * one shared 1 MiB block of '0'), and the tests stream those chunks into the request body.
 */
import { crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { type ByteSource, bytesOf, crcOf } from '../../attacks/byte-source.js';

export const MIB = 1024 * 1024;

const enc = new TextEncoder();

/** A stored-entries zip of the given text files (names in insertion order). */
export function zipOfTexts(files: Readonly<Record<string, string>>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = enc.encode(text);
  return zipSync(entries, { level: 0 });
}

/** One entry of a stored zip: its name, its bytes and their CRC-32. */
export interface StoredEntry {
  readonly name: string;
  readonly content: ByteSource;
  readonly crc: number;
}

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const VERSION = 20; // 2.0: no zip64, no data descriptors
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;

function localHeader(name: Uint8Array, e: StoredEntry): Uint8Array {
  const h = new Uint8Array(30 + name.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, VERSION, true);
  v.setUint16(6, FLAG_UTF8, true);
  v.setUint16(8, METHOD_STORED, true);
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, e.content.size, true); // compressed size = size (stored)
  v.setUint32(22, e.content.size, true);
  v.setUint16(26, name.length, true);
  v.setUint16(28, 0, true); // no extra field
  h.set(name, 30);
  return h;
}

function centralDirectory(
  names: readonly Uint8Array[],
  entries: readonly StoredEntry[],
  offsets: readonly number[],
  start: number,
): Uint8Array {
  const size = names.reduce((n, name) => n + 46 + name.length, 0);
  const out = new Uint8Array(size + 22);
  const v = new DataView(out.buffer);
  let p = 0;
  entries.forEach((e, i) => {
    const name = names[i]!;
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, (3 << 8) | VERSION, true); // made by: Unix
    v.setUint16(p + 6, VERSION, true);
    v.setUint16(p + 8, FLAG_UTF8, true);
    v.setUint16(p + 10, METHOD_STORED, true);
    v.setUint16(p + 12, DOS_TIME, true);
    v.setUint16(p + 14, DOS_DATE, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.content.size, true);
    v.setUint32(p + 24, e.content.size, true);
    v.setUint16(p + 28, name.length, true);
    // extra length, comment length, disk number, internal attributes: 0
    v.setUint32(p + 38, (0o100644 << 16) >>> 0, true); // external attributes: regular file, rw-r--r--
    v.setUint32(p + 42, offsets[i]!, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, size, true);
  v.setUint32(p + 16, start, true);
  return out;
}

/**
 * A zip whose entries are all STORED, as a stream of chunks: local header + data per entry,
 * then the central directory. Headers are small and made up front; entry data is only referenced.
 * Plain zip (no zip64), so the whole archive must stay below 4 GiB.
 */
export function storedZip(entries: readonly StoredEntry[]): ByteSource {
  const names = entries.map((e) => enc.encode(e.name));
  const headers = entries.map((e, i) => localHeader(names[i]!, e));
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    offsets.push(p);
    p += headers[i]!.length + e.content.size;
  });
  if (p >= 0xffffffff) throw new Error('archive too large for a plain (non-zip64) zip');
  const central = centralDirectory(names, entries, offsets, p);
  return {
    size: p + central.length,
    *chunks() {
      for (let i = 0; i < entries.length; i++) {
        yield headers[i]!;
        yield* entries[i]!.content.chunks();
      }
      yield central;
    },
  };
}

const zeroBlocks = new Map<number, { source: ByteSource; crc: number }>();

/** `size` bytes of the character '0' (one shared buffer per size) and their CRC-32. */
function zeros(size: number): { source: ByteSource; crc: number } {
  let block = zeroBlocks.get(size);
  if (!block) {
    const data = new Uint8Array(size).fill(0x30);
    block = { source: bytesOf(data), crc: crc32(data) };
    zeroBlocks.set(size, block);
  }
  return block;
}

/** file0.txt … file{count-1}.txt, each `entrySize` bytes of '0' (1 MiB by default), all stored. */
export function zipOfZeroFiles(count: number, entrySize = MIB): ByteSource {
  const block = zeros(entrySize);
  return storedZip(
    Array.from({ length: count }, (_, j) => ({ name: `file${j}.txt`, content: block.source, crc: block.crc })),
  );
}

export interface NestedBombShape {
  /** inner archives in the outer one (the original: 10) */
  readonly archives: number;
  /** entries per inner archive (the original: 100) */
  readonly entries: number;
  /** bytes of '0' per entry (the original: 1 MiB) */
  readonly entrySize: number;
}

export const ORIGINAL_NESTED_BOMB: NestedBombShape = { archives: 10, entries: 100, entrySize: MIB };

const innerCrcs = new Map<string, number>();

/**
 * The nested bomb: nested0.zip … nested{archives-1}.zip stored in the outer archive, each the
 * same stored archive of file0.txt … file{entries-1}.txt of `entrySize` bytes of '0'. With the
 * original's shape that is about 1 GB on the wire (and unpacked). The inner archive is the same
 * for every slot, so its CRC-32 is computed once (per shape) and its chunks are reused.
 */
export function nestedZipBomb(shape: NestedBombShape = ORIGINAL_NESTED_BOMB): ByteSource {
  const inner = zipOfZeroFiles(shape.entries, shape.entrySize);
  const key = `${shape.entries}x${shape.entrySize}`;
  let crc = innerCrcs.get(key);
  if (crc === undefined) {
    crc = crcOf(inner);
    innerCrcs.set(key, crc);
  }
  return storedZip(
    Array.from({ length: shape.archives }, (_, i) => ({ name: `nested${i}.zip`, content: inner, crc: crc! })),
  );
}
