/**
 * What Python `requests` (on urllib3) does to a URL before sending it (no Docker).
 */
import { describe, expect, it } from 'vitest';
import {
  quoteLikeRequests,
  removeDotSegments,
  requestsGetTarget,
  verbatimTarget,
} from '../src/attacks/requests-habits.js';

describe('requests URL habits', () => {
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
});

describe('quoteLikeRequests (requote_uri)', () => {
  it('encodes like requests does for URL paths', () => {
    expect(quoteLikeRequests("user1@example.com' OR '1'='1")).toBe("user1@example.com'%20OR%20'1'='1");
    expect(quoteLikeRequests('anything" OR ""="')).toBe('anything%22%20OR%20%22%22=%22');
    expect(quoteLikeRequests("'; DROP TABLE users; --")).toBe("';%20DROP%20TABLE%20users;%20--");
    expect(quoteLikeRequests('a%2Fb')).toBe('a%2Fb');
    expect(quoteLikeRequests('a%2Fb%zz')).toBe('a%252Fb%25zz');
    expect(quoteLikeRequests('%41%7e')).toBe('A~');
    expect(quoteLikeRequests('é')).toBe('%C3%A9');
  });
});
