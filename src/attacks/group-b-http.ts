/**
 * Small helpers shared by the group-b scenario tests (Forum, Wiki, Recipes, …) for the
 * habits of Python `requests` that the original tests relied on.
 */
import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from './http.js';

/** `requests.Response.ok`: true unless the status is a client or server error. */
export function ok(r: HttpResponse): boolean {
  return r.status < 400;
}

/** The reason phrase `requests` logs beside a status code. */
export function reason(r: HttpResponse): string {
  return STATUS_CODES[r.status] ?? '';
}

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
    const cp = input.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    if (s.length === 2) i++;
    out += Array.from(Buffer.from(s, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** `obj[key]` as Python's `response.json()[key]`: throws (like KeyError/TypeError) when it is not there. */
export function pyKey(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    throw new TypeError(`response JSON is not an object, cannot read "${key}"`);
  if (!(key in obj)) throw new Error(`KeyError: "${key}" missing in response JSON`);
  return (obj as Record<string, unknown>)[key];
}

/** Python's `needle in haystack` for a str or list haystack; throws TypeError otherwise (as Python does). */
export function pyIn(needle: string, haystack: unknown): boolean {
  if (typeof haystack === 'string') return haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.some((x) => x === needle);
  if (haystack !== null && typeof haystack === 'object') return needle in haystack;
  throw new TypeError(`argument of type '${haystack === null ? 'NoneType' : typeof haystack}' is not iterable`);
}

/** Python's `str(value)` for JSON values (what an f-string puts into a URL). */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
