/**
 * Small helpers shared by the group-a scenario tests (ClickCount, UserCreation, CreditCardService,
 * ProductCatalog, SecretStorage, ShopOverview) for habits of Python and `requests` that the
 * original tests relied on.
 */
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

/** Python's `==` between two JSON values (numbers by value, dicts regardless of key order). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    // In Python True == 1 and False == 0.
    const na = typeof a === 'boolean' ? Number(a) : a;
    const nb = typeof b === 'boolean' ? Number(b) : b;
    return na === nb;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEquals(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && pyEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Python's `value in [...strings]`: only a str equal to one of them matches. */
export function inStringList(value: unknown, list: readonly string[]): boolean {
  return typeof value === 'string' && list.includes(value);
}

/** Python's `sorted()` of a JSON value: list items (all str or all numbers), a str's characters, a dict's keys. */
export function pySorted(value: unknown): unknown[] {
  let items: unknown[];
  if (Array.isArray(value)) items = [...value];
  else if (typeof value === 'string') items = Array.from(value);
  else if (value !== null && typeof value === 'object') items = Object.keys(value);
  else throw new TypeError(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
  if (items.every((x) => typeof x === 'string')) {
    // Python compares str by code point.
    return (items as string[]).sort((a, b) => {
      const ca = Array.from(a, (c) => c.codePointAt(0)!);
      const cb = Array.from(b, (c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
      return ca.length - cb.length;
    });
  }
  if (items.every((x) => typeof x === 'number' || typeof x === 'boolean'))
    return items.sort((a, b) => Number(a) - Number(b));
  if (items.length <= 1) return items;
  throw new TypeError("'<' not supported between the list's items");
}

/** Python's truth value of a JSON value (`if value:`): empty list/str/dict, 0, false and None are false. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** What Python's `for x in value` yields for a JSON value: list items, a str's characters, a dict's keys. */
export function pyIter(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (value !== null && typeof value === 'object') return Object.keys(value);
  throw new TypeError(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
}
