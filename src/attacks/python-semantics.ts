/**
 * What Python does with the JSON values the original tests look at: `==`, truth value, `sorted()`,
 * `in`, iteration, `str()` and indexing (`obj[key]`). The scenario tests use these where the
 * original's verdict depends on a Python habit that plain JavaScript does not share.
 */
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
