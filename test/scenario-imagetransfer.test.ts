/**
 * The ImageTransfer helpers that reproduce what Python `requests` sends (no Docker).
 */
import { describe, expect, it } from 'vitest';
import { requestsMultipart } from '../src/scenarios/ImageTransfer/requests-like.js';
import { TEST_IMAGE } from '../src/scenarios/ImageTransfer/fixtures.js';
import { inflateSync } from 'node:zlib';

describe('ImageTransfer requests-like helpers', () => {
  it('writes one multipart part with an optional Content-Type', () => {
    const plain = requestsMultipart('file', 'image.png', 'abc');
    const boundary = plain.contentType.split('boundary=')[1]!;
    expect(boundary).toMatch(/^[0-9a-f]{32}$/);
    expect(plain.body.toString()).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="image.png"\r\n\r\nabc\r\n--${boundary}--\r\n`,
    );
    const typed = requestsMultipart('file', '../../bin/bash', 'x', 'image/jpg');
    expect(typed.body.toString()).toContain('filename="../../bin/bash"\r\nContent-Type: image/jpg\r\n\r\nx\r\n');
  });

  it('draws a valid 32x32 RGB PNG', () => {
    expect(TEST_IMAGE.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(TEST_IMAGE.readUInt32BE(16)).toBe(32);
    expect(TEST_IMAGE.readUInt32BE(20)).toBe(32);
    const idatLen = TEST_IMAGE.readUInt32BE(33);
    expect(TEST_IMAGE.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(TEST_IMAGE.subarray(41, 41 + idatLen)).length).toBe(32 * (1 + 32 * 3));
  });
});
