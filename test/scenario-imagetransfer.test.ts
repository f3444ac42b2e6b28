/**
 * The ImageTransfer helpers that reproduce what Python `requests` sends (no Docker).
 */
import { describe, expect, it } from 'vitest';
import {
  removeDotSegments,
  requestsGetTarget,
  requestsMultipart,
  verbatimTarget,
} from '../src/scenarios/ImageTransfer/requests-like.js';
import { TEST_IMAGE } from '../src/scenarios/ImageTransfer/fixtures.js';
import { inflateSync } from 'node:zlib';

describe('ImageTransfer requests-like helpers', () => {
  it('removes dot segments like urllib3', () => {
    expect(removeDotSegments('/images/../../../../secret.txt')).toBe('/secret.txt');
    expect(removeDotSegments('/images/./a/../b')).toBe('/images/b');
    expect(removeDotSegments('/images/..')).toBe('/');
    expect(removeDotSegments('/images/a/.')).toBe('/images/a/');
  });

  it('builds GET targets like requests.get', () => {
    expect(requestsGetTarget('/images/../../../../../../../../../../secret.txt')).toBe('/secret.txt');
    expect(requestsGetTarget('/images/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt')).toBe(
      '/images/..%2F..%2F..%2Fsecret.txt',
    );
    expect(requestsGetTarget('/images/%2fsecret.txt')).toBe('/images/%2Fsecret.txt');
    expect(requestsGetTarget('/images//secret.txt')).toBe('/images//secret.txt');
    expect(requestsGetTarget('/images/..%252F..%252Fsecret.txt')).toBe('/images/..%252F..%252Fsecret.txt');
    expect(requestsGetTarget('/images/..\\..\\secret.txt')).toBe('/images/..%5C..%5Csecret.txt');
    expect(requestsGetTarget('/images/?')).toBe('/images/');
    expect(requestsGetTarget('/images/?.png')).toBe('/images/?.png');
    expect(requestsGetTarget('/images/*.gif')).toBe('/images/*.gif');
    expect(requestsGetTarget('/images/None')).toBe('/images/None');
  });

  it('keeps dot segments in verbatim targets and encodes backslashes', () => {
    expect(verbatimTarget('/images/../../secret.txt')).toBe('/images/../../secret.txt');
    expect(verbatimTarget('/images/%2e%2e%2fsecret.txt')).toBe('/images/%2E%2E%2Fsecret.txt');
    expect(verbatimTarget('/images/..\\secret.txt')).toBe('/images/..%5Csecret.txt');
  });

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
