/**
 * How Python `requests` (2.32, on urllib3 2 and Python 3.12's urllib.parse — the original's
 * versions) follows a redirect, as pure functions; http.ts runs the loop. From
 * `Session.resolve_redirects` and its helpers:
 *
 * - an answer is a redirect when its status is 301, 302, 303, 307 or 308 and it has a Location
 *   header (an empty Location ends the chain); at most 30 redirects are followed, the 31st raises
 *   `TooManyRedirects`;
 * - the Location is resolved against the current URL: `//host/x` takes the current scheme; one
 *   without a host is re-quoted (`requote_uri`) and joined (`urljoin`, which removes dot segments);
 *   one with a host is only re-quoted (its dot segments stay);
 * - the method: 303 → GET (HEAD stays HEAD), 302 → GET (HEAD stays), 301 → GET for a POST only;
 *   307 and 308 keep it;
 * - every redirect but 307/308 drops the body and the Content-Length, Content-Type and
 *   Transfer-Encoding headers (so a PUT answered 301 is sent again as a PUT without a body);
 * - the Cookie header is rebuilt from the request's cookie jar (cookies the redirect answers set
 *   are added to it); Authorization is dropped when the host name changes;
 * - the request target sent is the URL's path and query, with urllib3's `_encode_target`.
 */

export const MAX_REDIRECTS = 30;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** `requests.exceptions.TooManyRedirects`: more than 30 redirects in a row. */
export class TooManyRedirects extends Error {
  constructor(readonly max: number = MAX_REDIRECTS) {
    super(`Exceeded ${max} redirects.`);
    this.name = 'TooManyRedirects';
  }
}

/** `Response.is_redirect` + `get_redirect_target`: the Location to follow, or undefined. */
export function redirectTarget(status: number, location: string | string[] | undefined): string | undefined {
  if (!REDIRECT_STATUSES.has(status) || location === undefined) return undefined;
  // http.client joins repeated headers with ', ' (as urllib3's HTTPHeaderDict does).
  const value = Array.isArray(location) ? location.join(', ') : location;
  return value === '' ? undefined : value;
}

/** `Session.rebuild_method`. */
export function redirectMethod(method: string, status: number): string {
  const m = method.toUpperCase();
  if ((status === 303 || status === 302) && m !== 'HEAD') return 'GET';
  if (status === 301 && m === 'POST') return 'GET';
  return m;
}

/** Whether the redirect drops the body and its headers (every redirect but 307 and 308). */
export function redirectDropsBody(status: number): boolean {
  return status !== 307 && status !== 308;
}

/** Python's urllib.parse.SplitResult. */
export interface SplitUrl {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
const USES_NETLOC = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'telnet',
  'imap',
  'wais',
  'file',
  'mms',
  'https',
  'shttp',
  'snews',
  'prospero',
  'rtsp',
  'rtsps',
  'rtspu',
  'rsync',
  'svn',
  'svn+ssh',
  'sftp',
  'nfs',
  'git',
  'git+ssh',
  'ws',
  'wss',
  'itms-services',
]);
const USES_RELATIVE = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'imap',
  'wais',
  'file',
  'https',
  'shttp',
  'mms',
  'prospero',
  'rtsp',
  'rtsps',
  'rtspu',
  'sftp',
  'svn',
  'svn+ssh',
  'ws',
  'wss',
]);

/** urllib.parse.urlsplit (leading C0 controls and spaces stripped, tabs and newlines removed). */
export function urlsplit(input: string, defaultScheme = ''): SplitUrl {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python strips exactly these
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = defaultScheme;
  let netloc = '';
  let query = '';
  let fragment = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    let end = url.length;
    for (const c of '/?#') {
      const at = url.indexOf(c, 2);
      if (at >= 0) end = Math.min(end, at);
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  return { scheme, netloc, path: url, query, fragment };
}

/** urllib.parse.urlunsplit (Python 3.11/3.12 before 3.12.4's change for a path starting with '//'). */
export function urlunsplit(u: SplitUrl): string {
  let url = u.path;
  if (u.netloc || (u.scheme && USES_NETLOC.has(u.scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = `/${url}`;
    url = `//${u.netloc}${url}`;
  }
  if (u.scheme) url = `${u.scheme}:${url}`;
  if (u.query) url = `${url}?${u.query}`;
  if (u.fragment) url = `${url}#${u.fragment}`;
  return url;
}

/**
 * urllib.parse.urljoin. (Python splits `;params` off the last path segment and puts them back;
 * that never changes the result here, so they stay part of the path.)
 */
export function urljoin(base: string, url: string): string {
  if (!base) return url;
  if (!url) return base;
  const b = urlsplit(base);
  const u = urlsplit(url, b.scheme);
  if (u.scheme !== b.scheme || !USES_RELATIVE.has(u.scheme)) return url;
  let netloc = u.netloc;
  if (USES_NETLOC.has(u.scheme)) {
    if (netloc) return urlunsplit(u);
    netloc = b.netloc;
  }
  if (!u.path) {
    return urlunsplit({ scheme: u.scheme, netloc, path: b.path, query: u.query || b.query, fragment: u.fragment });
  }
  const baseParts = b.path.split('/');
  if (baseParts[baseParts.length - 1] !== '') baseParts.pop();
  let segments: string[];
  if (u.path.startsWith('/')) segments = u.path.split('/');
  else {
    segments = [...baseParts, ...u.path.split('/')];
    // Empty segments in the middle would make redundant slashes.
    if (segments.length > 2)
      segments = [segments[0]!, ...segments.slice(1, -1).filter((s) => s !== ''), segments[segments.length - 1]!];
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === '..') resolved.pop();
    else if (seg !== '.') resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === '.' || last === '..') resolved.push('');
  return urlunsplit({
    scheme: u.scheme,
    netloc,
    path: resolved.join('/') || '/',
    query: u.query,
    fragment: u.fragment,
  });
}

/** %XX (upper-case hex) of each UTF-8 byte of `s`. */
const percentEncoded = (s: string): string =>
  Array.from(Buffer.from(s, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Python's urllib.parse.quote(s, safe): letters, digits, `_.-~` and `safe` stay; the rest is %XX of UTF-8. */
function pyQuote(s: string, safe: string): string {
  let out = '';
  for (const ch of s) {
    if (/^[A-Za-z0-9_.\-~]$/.test(ch) || (ch.length === 1 && safe.includes(ch))) out += ch;
    else out += percentEncoded(ch);
  }
  return out;
}

/** requests.utils.unquote_unreserved; undefined where it raises InvalidURL. */
function unquoteUnreserved(uri: string): string | undefined {
  const parts = uri.split('%');
  for (let i = 1; i < parts.length; i++) {
    const h = parts[i]!.slice(0, 2);
    if ([...h].length === 2 && /^[\p{L}\p{N}]{2}$/u.test(h)) {
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) return undefined;
      const c = String.fromCharCode(Number.parseInt(h, 16));
      parts[i] = /^[A-Za-z0-9\-._~]$/.test(c) ? c + parts[i]!.slice(2) : `%${parts[i]}`;
    } else parts[i] = `%${parts[i]}`;
  }
  return parts.join('');
}

/** requests.utils.requote_uri, exactly (a '%' without two hex digits is kept unless it makes the URI invalid). */
export function requoteUri(uri: string): string {
  const unquoted = unquoteUnreserved(uri);
  return unquoted === undefined ? pyQuote(uri, "!#$&'()*+,/:;=?@[]~") : pyQuote(unquoted, "!#$%&'()*+,/:;=?@[]~");
}

const PATH_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";

/** urllib3's _encode_invalid_chars: escapes upper-cased; '%' kept only when every '%' starts an escape. */
function encodeInvalidChars(component: string, allowed: string): string {
  let escapes = 0;
  const normalized = component.replace(/%[0-9A-Fa-f]{2}/g, (m) => {
    escapes++;
    return m.toUpperCase();
  });
  const bytes = Buffer.from(normalized, 'utf8');
  const isPercentEncoded = escapes === bytes.filter((b) => b === 0x25).length;
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if ((isPercentEncoded && b === 0x25) || (b < 128 && allowed.includes(ch))) out += ch;
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The request target sent for an absolute URL: requests' `path_url`, then urllib3's `_encode_target`. */
export function requestTarget(url: string): string {
  const u = urlsplit(url);
  const path = encodeInvalidChars(u.path || '/', PATH_CHARS);
  return u.query ? `${path}?${encodeInvalidChars(u.query, `${PATH_CHARS}?`)}` : path;
}

/**
 * The next URL of a redirect chain, as `resolve_redirects` computes it from the current URL and
 * the Location; `previousFragment` is carried over as requests does (it is never sent).
 */
export function resolveRedirect(
  currentUrl: string,
  location: string,
  previousFragment: string,
): { url: string; fragment: string } {
  let url = location;
  if (url.startsWith('//')) url = `${urlsplit(currentUrl).scheme}:${url}`;
  let parsed = urlsplit(url);
  let fragment = previousFragment;
  if (parsed.fragment === '' && previousFragment) parsed = { ...parsed, fragment: previousFragment };
  else if (parsed.fragment) fragment = parsed.fragment;
  url = urlunsplit(parsed);
  url = parsed.netloc ? requoteUri(url) : urljoin(currentUrl, requoteUri(url));
  return { url, fragment };
}

/** Python's SplitResult.hostname (lower-cased, brackets of an IPv6 literal removed) and .port. */
export function hostAndPort(url: string): { hostname: string | undefined; port: number | undefined } {
  const netloc = urlsplit(url).netloc;
  const hostport = netloc.slice(netloc.lastIndexOf('@') + 1);
  let hostname: string;
  let port: string | undefined;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    hostname = hostport.slice(1, end < 0 ? undefined : end);
    const rest = end < 0 ? '' : hostport.slice(end + 1);
    port = rest.startsWith(':') ? rest.slice(1) : undefined;
  } else {
    const colon = hostport.indexOf(':');
    hostname = colon < 0 ? hostport : hostport.slice(0, colon);
    port = colon < 0 ? undefined : hostport.slice(colon + 1);
  }
  const n = port && /^\d+$/.test(port) ? Number(port) : undefined;
  return { hostname: hostname ? hostname.toLowerCase() : undefined, port: n };
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** `Session.should_strip_auth`: whether a redirect from `oldUrl` to `newUrl` drops Authorization. */
export function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  const o = { ...hostAndPort(oldUrl), scheme: urlsplit(oldUrl).scheme };
  const n = { ...hostAndPort(newUrl), scheme: urlsplit(newUrl).scheme };
  if (o.hostname !== n.hostname) return true;
  if (o.scheme === 'http' && (o.port === 80 || o.port === undefined) && n.scheme === 'https')
    if (n.port === 443 || n.port === undefined) return false;
  const changedPort = o.port !== n.port;
  const changedScheme = o.scheme !== n.scheme;
  const defaults = [DEFAULT_PORTS[o.scheme], undefined];
  if (!changedScheme && defaults.includes(o.port) && defaults.includes(n.port)) return false;
  return changedPort || changedScheme;
}
