/**
 * ImageTransfer's fixture (no Docker). What requests sends: test/requests-habits.test.ts, test/multipart.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../src/scenarios/ImageTransfer/fixtures.js';
import { inflateSync } from 'node:zlib';

describe('ImageTransfer fixture', () => {
  it('draws a valid 32x32 RGB PNG', () => {
    expect(TEST_IMAGE.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(TEST_IMAGE.readUInt32BE(16)).toBe(32);
    expect(TEST_IMAGE.readUInt32BE(20)).toBe(32);
    const idatLen = TEST_IMAGE.readUInt32BE(33);
    expect(TEST_IMAGE.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(TEST_IMAGE.subarray(41, 41 + idatLen)).length).toBe(32 * (1 + 32 * 3));
  });
});
