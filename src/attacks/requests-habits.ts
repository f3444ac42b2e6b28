/**
 * What Python `requests` (2.32, on urllib3 2.3, the versions the original pins) does that the
 * original tests rely on: `raise_for_status()`, `.ok`, the reason phrase, and how a URL written
 * into the call is quoted and cleaned before it is sent. (Its multipart bodies: multipart.ts.)
 */
import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from './http.js';

/** An HTTP error status, as `requests.Response.raise_for_status()` raises it. */
export class HttpStatusError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
  ) {
    super(`${status} ${status < 500 ? 'Client' : 'Server'} Error for ${method} ${path}`);
    this.name = 'HttpStatusError';
  }
}

/** `requests.Response.raise_for_status()`: throws for a 4xx or 5xx answer. */
export function raiseForStatus(r: HttpResponse, method: string, path: string): void {
  if (r.status >= 400) throw new HttpStatusError(method, path, r.status);
}

/** `requests.Response.ok`: true unless the status is a client or server error. */
export function ok(r: HttpResponse): boolean {
  return r.status < 400;
}

/** The reason phrase `requests` logs beside a status code. */
export function reason(r: HttpResponse): string {
  return STATUS_CODES[r.status] ?? '';
}

/** %XX (upper-case hex) of each UTF-8 byte of `s`. */
const percentEncoded = (s: string): string =>
  Array.from(Buffer.from(s, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const UNRESERVED_AND_SAFE = /[A-Za-z0-9_.\-~!#$&'()*+,/:;=?@[\]]/;

/**
 * Percent-encodes a value put into a URL path the way `requests` does when the original
 * formats it into the URL string (`requote_uri`): characters outside its safe set become
 * %XX of their UTF-8 bytes; an existing valid %XX escape stays as it is.
 * (Meant for values without '?', '#' or dot segments, which requests would treat as URL syntax.)
 */
export function quoteLikeRequests(value: string): string {
  // requote_uri: a '%' not followed by two hex digits makes requests quote every '%'.
  const keepEscapes = !/%(?![0-9A-Fa-f]{2})/.test(value);
  // unquote_unreserved: escapes of unreserved characters are decoded first.
  const input = keepEscapes
    ? value.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
        const c = String.fromCharCode(parseInt(hex, 16));
        return /[A-Za-z0-9\-._~]/.test(c) ? c : m;
      })
    : value;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '%' && keepEscapes) {
      out += ch;
      continue;
    }
    if (UNRESERVED_AND_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    const s = String.fromCodePoint(input.codePointAt(i)!);
    if (s.length === 2) i++;
    out += percentEncoded(s);
  }
  return out;
}

/** urllib3's dot-segment removal (RFC 3986 §5.2.4), applied to http URLs before sending. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.length > 0) out.pop();
  }
  if (path.startsWith('/') && (out.length === 0 || out[0] !== '')) out.unshift('');
  if (path.endsWith('/.') || path.endsWith('/..')) out.push('');
  return out.join('/');
}

const upperEscapes = (s: string): string => s.replace(/%[0-9a-fA-F]{2}/g, (m) => m.toUpperCase());

/**
 * The request target `requests.get(f"http://host{path}")` sends: the query starts at the first
 * '?' (an empty one is dropped), dot segments are removed, escapes are upper-cased and the rest
 * is re-quoted as `requote_uri` does.
 */
export function requestsGetTarget(path: string): string {
  const q = path.indexOf('?');
  const rawPath = q >= 0 ? path.slice(0, q) : path;
  const query = q >= 0 ? path.slice(q + 1) : '';
  const cleanPath = quoteLikeRequests(upperEscapes(removeDotSegments(rawPath || '/')));
  return query ? `${cleanPath}?${quoteLikeRequests(upperEscapes(query))}` : cleanPath;
}

/** Characters urllib3 leaves alone in a path it sends verbatim (unreserved, sub-delims, ':', '@', '/'). */
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * The request target of a prepared request whose URL was set by hand (the original's
 * `prep.url = url`): dot segments stay; urllib3 only upper-cases escapes and percent-encodes
 * characters outside its path set (a backslash becomes %5C).
 */
export function verbatimTarget(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(path.slice(i + 1, i + 3))) {
      out += path.slice(i, i + 3).toUpperCase();
      i += 2;
    } else if (PATH_CHAR.test(ch)) {
      out += ch;
    } else {
      const s = String.fromCodePoint(path.codePointAt(i)!);
      if (s.length === 2) i++;
      out += percentEncoded(s);
    }
  }
  return out;
}
