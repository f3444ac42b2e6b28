import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { materialize } from '../src/attacks/byte-source.js';
import {
  MIB,
  nestedZipBomb,
  ORIGINAL_NESTED_BOMB,
  zipOfTexts,
  zipOfZeroFiles,
} from '../src/scenarios/ZipToTxt/fixtures.js';
import { inBackground } from '../src/attacks/background.js';

/** Reads the fixed-size records of a zip with STORED entries and checks them against each other. */
function storedEntries(zip: Uint8Array): { name: string; data: Uint8Array; method: number; crc: number }[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  const count = v.getUint16(eocd + 10, true);
  let c = v.getUint32(eocd + 16, true);
  expect(c + v.getUint32(eocd + 12, true)).toBe(eocd);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(c, true)).toBe(0x02014b50);
    const method = v.getUint16(c + 10, true);
    const crc = v.getUint32(c + 16, true);
    const csize = v.getUint32(c + 20, true);
    const size = v.getUint32(c + 24, true);
    const nameLen = v.getUint16(c + 28, true);
    const name = new TextDecoder().decode(zip.subarray(c + 46, c + 46 + nameLen));
    const local = v.getUint32(c + 42, true);
    expect(v.getUint32(local, true)).toBe(0x04034b50);
    expect(v.getUint16(local + 8, true)).toBe(method);
    expect(v.getUint32(local + 14, true)).toBe(crc);
    expect(v.getUint32(local + 18, true)).toBe(csize);
    expect(v.getUint32(local + 22, true)).toBe(size);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const data = zip.subarray(start, start + csize);
    expect(csize).toBe(size);
    expect(crc32(data)).toBe(crc);
    out.push({ name, data, method, crc });
    c += 46 + nameLen + v.getUint16(c + 30, true) + v.getUint16(c + 32, true);
  }
  return out;
}

describe('ZipToTxt fixtures', () => {
  it('zipOfTexts round-trips its files', () => {
    const files = unzipSync(zipOfTexts({ 'file1.txt': 'This is file1', 'file2.txt': 'This is file2' }));
    expect(Object.keys(files)).toEqual(['file1.txt', 'file2.txt']);
    expect(new TextDecoder().decode(files['file2.txt'])).toBe('This is file2');
  });

  it('zipOfZeroFiles holds stored 1 MiB entries of "0"', () => {
    const zip = materialize(zipOfZeroFiles(3));
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['file0.txt', 'file1.txt', 'file2.txt']);
    for (const data of Object.values(files)) {
      expect(data.length).toBe(MIB);
      expect(data.every((b) => b === 0x30)).toBe(true);
    }
    expect(storedEntries(zip).map((e) => e.method)).toEqual([0, 0, 0]);
  });

  it('a scaled-down nested bomb is a valid stored zip of identical stored zips', () => {
    const shape = { archives: 3, entries: 5, entrySize: 1000 };
    const bomb = nestedZipBomb(shape);
    const zip = materialize(bomb);
    expect(zip.length).toBe(bomb.size);
    const outer = storedEntries(zip);
    expect(outer.map((e) => e.name)).toEqual(['nested0.zip', 'nested1.zip', 'nested2.zip']);
    expect(outer.every((e) => e.method === 0)).toBe(true);
    for (const { data } of outer) {
      const inner = storedEntries(data);
      expect(inner.map((e) => e.name)).toEqual(['file0.txt', 'file1.txt', 'file2.txt', 'file3.txt', 'file4.txt']);
      expect(inner.every((e) => e.method === 0 && e.data.length === 1000 && e.data.every((b) => b === 0x30))).toBe(
        true,
      );
    }
    // fflate reads it the same way
    const viaFflate = unzipSync(zip);
    expect(Object.keys(unzipSync(viaFflate['nested2.zip']!))).toHaveLength(5);
  });

  it('the full nested bomb has the original size (about 1 GB) without being built in memory', () => {
    const bomb = nestedZipBomb(ORIGINAL_NESTED_BOMB);
    // 10 × (outer local header + inner zip) + outer central directory; each inner zip is
    // 100 × (local header + 1 MiB) + its central directory.
    const inner = 100 * MIB + 100 * 30 + 100 * 46 + 2 * (10 * 9 + 90 * 10) + 22;
    expect(bomb.size).toBe(10 * (30 + 11 + inner) + 10 * (46 + 11) + 22);
    let chunks = 0;
    let bytes = 0;
    for (const chunk of bomb.chunks()) {
      chunks += 1;
      bytes += chunk.length;
    }
    expect(bytes).toBe(bomb.size);
    expect(chunks).toBe(10 * (1 + 100 * 2 + 1) + 1);
  });
});

describe('ZipToTxt background request', () => {
  it('reports a pending, a finished and a failed request like a thread-pool future', async () => {
    let release!: (v: string) => void;
    const pending = inBackground(new Promise<string>((resolve) => (release = resolve)));
    expect(await pending.resultWithin(10)).toBeUndefined();
    release('done');
    expect(await pending.resultWithin(10)).toBe('done');
    const failed = inBackground(Promise.reject(new Error('reset')));
    await expect(failed.resultWithin(10)).rejects.toThrow('reset');
    await expect(failed.settled()).resolves.toBeUndefined();
  });
});
