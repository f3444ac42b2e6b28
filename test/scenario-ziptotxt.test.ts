import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { crc32, MIB, nestedZipBomb, zipOfTexts, zipOfZeroFiles } from '../src/scenarios/ZipToTxt/fixtures.js';
import { inBackground } from '../src/scenarios/ZipToTxt/background.js';

describe('ZipToTxt fixtures', () => {
  it('crc32 gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('zipOfTexts round-trips its files', () => {
    const files = unzipSync(zipOfTexts({ 'file1.txt': 'This is file1', 'file2.txt': 'This is file2' }));
    expect(Object.keys(files)).toEqual(['file1.txt', 'file2.txt']);
    expect(new TextDecoder().decode(files['file2.txt'])).toBe('This is file2');
  });

  it('zipOfZeroFiles holds 1 MiB entries of "0"', () => {
    const files = unzipSync(zipOfZeroFiles(3));
    expect(Object.keys(files)).toEqual(['file0.txt', 'file1.txt', 'file2.txt']);
    for (const data of Object.values(files)) {
      expect(data.length).toBe(MIB);
      expect(data.every((b) => b === 0x30)).toBe(true);
    }
  });

  it('the nested bomb is small on the wire and holds the original sizes', () => {
    const started = Date.now();
    const bomb = nestedZipBomb();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(bomb.length).toBeLessThan(2 * MIB);
    const outer = unzipSync(bomb);
    expect(Object.keys(outer)).toEqual(Array.from({ length: 10 }, (_, i) => `nested${i}.zip`));
    const inner = unzipSync(outer['nested4.zip']!, { filter: (f) => f.name === 'file0.txt' || f.name === 'file99.txt' });
    expect(Object.keys(inner).sort()).toEqual(['file0.txt', 'file99.txt']);
    expect(inner['file99.txt']!.length).toBe(MIB);
    expect(crc32(inner['file99.txt']!)).toBe(crc32(new Uint8Array(MIB).fill(0x30)));
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
