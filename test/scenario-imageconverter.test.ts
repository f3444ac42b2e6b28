/**
 * ImageConverter's pure helpers (no Docker): the PNG fixtures decode to the intended sizes and
 * the GIF reader reports frames and durations the way Pillow does.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenarios/index.js';
import { makeFramePng, makeImagePng, readGif } from '../src/scenarios/ImageConverter/fixtures.js';

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A GIF with one frame per entry: the delay in hundredths of a second, or null for no GCE. */
function gif(delays: readonly (number | null)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('GIF89a', 'latin1')];
  // 2x2 screen, global table of 2 colours
  parts.push(Buffer.from([2, 0, 2, 0, 0x80, 0, 0]), Buffer.from([0, 0, 0, 255, 255, 255]));
  // a comment extension with two sub-blocks, to be skipped
  parts.push(Buffer.from([0x21, 0xfe, 3, 0x61, 0x62, 0x63, 2, 0x64, 0x65, 0]));
  for (const d of delays) {
    if (d !== null) parts.push(Buffer.from([0x21, 0xf9, 4, 0, d & 0xff, d >> 8, 0, 0]));
    // image descriptor 2x2 with a local table of 2 colours, then LZW data
    parts.push(Buffer.from([0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0x80]), Buffer.from([0, 0, 0, 9, 9, 9]));
    parts.push(Buffer.from([2, 2, 0x44, 0x01, 0]));
  }
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

describe('ImageConverter fixtures', () => {
  it('draws a 100x100 image and a 320x180 frame', () => {
    expect(pngSize(makeImagePng())).toEqual({ width: 100, height: 100 });
    expect(pngSize(makeFramePng())).toEqual({ width: 320, height: 180 });
    const png = makeImagePng();
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLen)).length).toBe(100 * (1 + 100 * 4));
  });
});

describe('readGif', () => {
  it('counts frames and reads each delay in ms', () => {
    const frames = readGif(gif([2, 3, 10]));
    expect(frames.map((f) => f.durationMs)).toEqual([20, 30, 100]);
    expect(frames.every((f) => f.width === 2 && f.height === 2)).toBe(true);
  });

  it('gives no duration to a frame without its own graphic control extension', () => {
    expect(readGif(gif([5, null])).map((f) => f.durationMs)).toEqual([50, undefined]);
  });

  it('treats the end of the data as the trailer, and rejects what is not a GIF', () => {
    const g = gif([1, 1]);
    expect(readGif(g.subarray(0, g.length - 1))).toHaveLength(2);
    expect(() => readGif(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toThrow(/not a GIF/);
    expect(() => readGif(g.subarray(0, 40))).toThrow(/truncated/);
  });
});

describe('ImageConverter scenario', () => {
  it('loads with the original tests, CWEs and ImageMagick', async () => {
    const s = loadScenario('ImageConverter');
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_test_convert_image_and_revert']);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, t.cwes]))).toEqual({
      sec_test_path_traversal: [22],
      sec_test_os_injection: [78],
      sec_test_scale_huge: [400],
    });
    expect(s.extraPackages).toEqual({ all: { apt: ['imagemagick'] } });
  });
});
