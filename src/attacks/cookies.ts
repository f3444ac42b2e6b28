/**
 * The part of Python `requests` cookie handling the original tests rely on: the cookies an answer
 * sets (`r.cookies`), sending them back with `cookies=jar`, `jar.get_dict().values()`, and the
 * jar a request keeps along its redirects (http.ts). Follows http.cookiejar's defaults for
 * Netscape-style cookies:
 * - a cookie without Path gets the directory of the request path (`/merchants/login` →
 *   `/merchants`), and is then only sent to paths under it;
 * - Max-Age wins over Expires; an expiry in the past removes the cookie instead of storing it;
 * - a Secure cookie is stored but never sent over plain http;
 * - a Domain attribute gets a leading dot and is only honoured when the effective host name
 *   (a dot-less host name gets `.local`) ends with it — so `Domain=localhost` is dropped when
 *   sending to `localhost`, as in the original.
 * Not modelled (rare in generated apps): cookie versions 1/2, quoted-string unquoting, public
 * suffix rules.
 */
import { hostAndPort, urlsplit } from './requests-redirects.js';

/** What the jar reads of an answer (an HttpResponse of http.ts). */
interface WithHeaders {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** `domain` as http.cookiejar keys it: the effective host name, or '.' + the Domain attribute. */
  readonly domain: string;
  readonly path: string;
  readonly secure: boolean;
}

/** http.cookiejar's effective request host name: a dot-less, non-IP host gets `.local`. */
export function effectiveHost(host: string): string {
  const h = host.toLowerCase();
  return !h.includes('.') && !/^\d+\.\d+\.\d+\.\d+$/.test(h) ? `${h}.local` : h;
}

/** The default path of a cookie set by an answer to `requestPath` (query removed). */
export function defaultCookiePath(requestPath: string): string {
  const path = requestPath.split('?')[0]!.split('#')[0]!;
  const i = path.lastIndexOf('/');
  const dir = i === -1 ? path : path.slice(0, i);
  return dir.length === 0 ? '/' : dir;
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  const req = requestPath.split('?')[0]!;
  if (req === cookiePath) return true;
  return req.startsWith(cookiePath) && (cookiePath.endsWith('/') || req[cookiePath.length] === '/');
}

function domainMatches(cookieDomain: string, erhn: string): boolean {
  if (cookieDomain === erhn) return true;
  return cookieDomain.startsWith('.') && `.${erhn}`.endsWith(cookieDomain);
}

/** The Set-Cookie lines of an answer. */
export function setCookieHeaders(r: WithHeaders): string[] {
  const h = r.headers['set-cookie'];
  if (h === undefined) return [];
  return Array.isArray(h) ? h : [h];
}

export class CookieJar {
  /** Keyed by domain, path and name, as http.cookiejar (a later cookie replaces an earlier one). */
  private readonly store = new Map<string, StoredCookie>();

  /** `r.cookies` of an answer of http.ts: its own Set-Cookie lines, for the URL it came from (after redirects). */
  static ofAnswer(r: WithHeaders & { readonly url: string }, nowMs = Date.now()): CookieJar {
    const { hostname } = hostAndPort(r.url);
    return CookieJar.fromResponse(r, urlsplit(r.url).path || '/', hostname ?? '', nowMs);
  }

  /** `r.cookies` of a response to `requestPath` on `host`. */
  static fromResponse(r: WithHeaders, requestPath: string, host: string, nowMs = Date.now()): CookieJar {
    const jar = new CookieJar();
    for (const line of setCookieHeaders(r)) jar.add(line, requestPath, host, nowMs);
    return jar;
  }

  /** Stores one Set-Cookie line the way http.cookiejar would (or drops it). */
  add(line: string, requestPath: string, host: string, nowMs = Date.now()): void {
    const parts = line.split(';');
    const first = parts.shift()!;
    const eq = first.indexOf('=');
    const name = (eq === -1 ? first : first.slice(0, eq)).trim();
    const value = eq === -1 ? '' : first.slice(eq + 1).trim();
    if (name === '') return;
    const attrs = new Map<string, string | undefined>();
    for (const part of parts) {
      const i = part.indexOf('=');
      const key = (i === -1 ? part : part.slice(0, i)).trim().toLowerCase();
      if (key === '' || attrs.has(key)) continue; // the first occurrence of an attribute counts
      attrs.set(key, i === -1 ? undefined : part.slice(i + 1).trim());
    }

    const erhn = effectiveHost(host);
    const domainAttr = attrs.get('domain');
    let domain = erhn;
    if (domainAttr) {
      const d = domainAttr.toLowerCase();
      domain = d.startsWith('.') ? d : `.${d}`;
      const undotted = domain.slice(1);
      // http.cookiejar's check for Netscape cookies (its public-suffix refinements left out).
      const accepted = erhn.endsWith(domain) || erhn.endsWith(`${undotted}.local`) || `.${erhn}`.endsWith(domain);
      if (!accepted || (!undotted.includes('.') && !erhn.endsWith('.local'))) return; // refused
    }
    const pathAttr = attrs.get('path');
    const path = pathAttr ? pathAttr : defaultCookiePath(requestPath);
    const key = JSON.stringify([domain, path, name]);

    let expiresMs: number | undefined;
    if (attrs.has('max-age')) {
      const raw = attrs.get('max-age') ?? '';
      if (!/^[-+]?\d+$/.test(raw)) return; // a bad Max-Age makes the whole cookie bad
      expiresMs = nowMs + Number(raw) * 1000;
    } else if (attrs.get('expires')) {
      const t = Date.parse(attrs.get('expires')!);
      if (!Number.isNaN(t)) expiresMs = t;
    }
    if (expiresMs !== undefined && expiresMs <= nowMs) {
      this.store.delete(key); // an expiry in the past asks for deletion
      return;
    }
    this.store.set(key, { name, value, domain, path, secure: attrs.has('secure') });
  }

  /** A copy (requests merges `cookies=` into a jar of the request's own; the caller's is left alone). */
  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [key, cookie] of this.store) copy.store.set(key, cookie);
    return copy;
  }

  /** Number of cookies (`len(jar)`; `not r.cookies` is size 0). */
  get size(): number {
    return this.store.size;
  }

  /** The cookies in http.cookiejar's iteration order: sorted by domain, then path, then name. */
  list(): StoredCookie[] {
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.store.values()].sort(
      (a, b) => cmp(a.domain, b.domain) || cmp(a.path, b.path) || cmp(a.name, b.name),
    );
  }

  /** `list(jar.get_dict().values())`: name → value, first position kept, last value wins. */
  dictValues(): string[] {
    const dict = new Map<string, string>();
    for (const c of this.list()) dict.set(c.name, c.value);
    return [...dict.values()];
  }

  /** The Cookie header `requests` sends with `cookies=jar` to an http URL, or undefined. */
  header(requestPath: string, host: string): string | undefined {
    const erhn = effectiveHost(host);
    // Within the jar the cookies go in the order they were stored (as http.cookiejar's dicts).
    const sendable = [...this.store.values()].filter(
      (c) => !c.secure && domainMatches(c.domain, erhn) && pathMatches(c.path, requestPath),
    );
    // http.cookiejar puts the most specific (longest) paths first.
    sendable.sort((a, b) => b.path.length - a.path.length);
    return sendable.length === 0 ? undefined : sendable.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  toString(): string {
    return `<CookieJar[${this.list()
      .map((c) => `${c.name}=${c.value} for ${c.domain}${c.path}`)
      .join(', ')}]>`;
  }
}
