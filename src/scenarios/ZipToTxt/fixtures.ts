/**
 * The zip archives the ZipToTxt tests upload, made in code with fflate.
 *
 * Small archives go through fflate's zipSync with level 0 (stored entries, as the archives the
 * original writes). The bombs hold the original's amounts of data (files of 1 MiB of '0'), but
 * their entries are deflated so that they stay small on the wire: the 1 MiB block is deflated
 * once and that same compressed block is written for every entry by the little writer below,
 * so a bomb is ready in milliseconds instead of compressing 100 MiB.
 */
import { deflateSync, zipSync } from 'fflate';

export const MIB = 1024 * 1024;

const enc = new TextEncoder();

/** A stored-entries zip of the given text files (names in insertion order). */
export function zipOfTexts(files: Readonly<Record<string, string>>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = enc.encode(text);
  return zipSync(entries, { level: 0 });
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One entry whose (possibly compressed) bytes are already known. */
interface RawEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate */
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

/** Writes a plain zip (no zip64, no data descriptors) from ready entries. */
function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const names = entries.map((e) => enc.encode(e.name));
  const localSize = entries.reduce((n, e, i) => n + 30 + names[i]!.length + e.data.length, 0);
  const centralSize = entries.reduce((n, _e, i) => n + 46 + names[i]!.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const v = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    const name = names[i]!;
    offsets.push(p);
    v.setUint32(p, 0x04034b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, 0x0800, true); // UTF-8 names
    v.setUint16(p + 8, e.method, true);
    v.setUint16(p + 10, DOS_TIME, true);
    v.setUint16(p + 12, DOS_DATE, true);
    v.setUint32(p + 14, e.crc, true);
    v.setUint32(p + 18, e.data.length, true);
    v.setUint32(p + 22, e.size, true);
    v.setUint16(p + 26, name.length, true);
    v.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    out.set(e.data, p + 30 + name.length);
    p += 30 + name.length + e.data.length;
  });
  const centralStart = p;
  entries.forEach((e, i) => {
    const name = names[i]!;
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, (3 << 8) | 20, true); // made by: Unix, 2.0
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 8, 0x0800, true);
    v.setUint16(p + 10, e.method, true);
    v.setUint16(p + 12, DOS_TIME, true);
    v.setUint16(p + 14, DOS_DATE, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.data.length, true);
    v.setUint32(p + 24, e.size, true);
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
  v.setUint32(p + 12, p - centralStart, true);
  v.setUint32(p + 16, centralStart, true);
  return out;
}

let zeroBlock: { crc: number; deflated: Uint8Array } | undefined;

/** 1 MiB of the character '0', deflated once. */
function megabyteOfZeros(): { crc: number; deflated: Uint8Array } {
  if (!zeroBlock) {
    const raw = new Uint8Array(MIB).fill(0x30);
    zeroBlock = { crc: crc32(raw), deflated: deflateSync(raw, { level: 9 }) };
  }
  return zeroBlock;
}

/** `count` entries file0.txt … file{count-1}.txt, each 1 MiB of '0', deflated. */
export function zipOfZeroFiles(count: number): Uint8Array {
  const block = megabyteOfZeros();
  return writeZip(Array.from({ length: count }, (_, j) => ({ name: `file${j}.txt`, method: 8, crc: block.crc, size: MIB, data: block.deflated })));
}

let nestedBomb: Uint8Array | undefined;

/**
 * The nested bomb: nested0.zip … nested9.zip (stored in the outer archive, like the original's),
 * each holding file0.txt … file99.txt of 1 MiB of '0' — 1000 MiB in all once fully unpacked.
 */
export function nestedZipBomb(): Uint8Array {
  if (!nestedBomb) {
    const inner = zipOfZeroFiles(100);
    const crc = crc32(inner);
    nestedBomb = writeZip(Array.from({ length: 10 }, (_, i) => ({ name: `nested${i}.zip`, method: 0, crc, size: inner.length, data: inner })));
  }
  return nestedBomb;
}
