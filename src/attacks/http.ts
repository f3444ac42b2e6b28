/**
 * The tests' HTTP client, on undici, behaving as Python `requests` does where that can change a
 * verdict (the original's tests are written with it):
 *
 * - the first request's path is sent exactly as given (no dot-segment removal or re-encoding,
 *   which path traversal payloads need; a test that wants requests' cleaning applies it itself,
 *   see requests-habits.ts);
 * - redirects are followed as `requests` follows them (requests-redirects.ts): up to 30, the
 *   method and body rules of 301/302/303/307/308, Authorization dropped on a change of host,
 *   the cookies of the request's jar (`cookies`, plus those set along the way) sent where they
 *   match; `allowRedirects: false` is the original's `allow_redirects=False`. Only the app is
 *   ever contacted: a redirect to anything else ends the request with an error (requests would
 *   have fetched it);
 * - the Host header names `localhost:<port>`, as the original's `http://localhost:<port>` URLs;
 * - no time limit of its own (a `requests` call without `timeout=`): a request ends with the
 *   test's signal (the test's time limit) or the caller's;
 * - a response body is kept up to a cap (64 MiB by default; 1 MiB of a redirect answer's): a
 *   longer one is cut there, the connection closed, and the test log says so.
 * Multipart bodies are made as requests makes them (multipart.ts) and streamed.
 */
import { Readable } from 'node:stream';
import { getGlobalDispatcher } from 'undici';
import type { AppInstance } from '../core/types.js';
import { CookieJar, setCookieHeaders } from './cookies.js';
import { encodeMultipart, type MultipartForm } from './multipart.js';
import {
  hostAndPort,
  MAX_REDIRECTS,
  redirectDropsBody,
  redirectMethod,
  redirectTarget,
  requestTarget,
  resolveRedirect,
  shouldStripAuth,
  TooManyRedirects,
  urlsplit,
} from './requests-redirects.js';

export { TooManyRedirects } from './requests-redirects.js';

/** The host name the original's tests use in their URLs. */
export const ORIGINAL_HOST = 'localhost';
/** Default cap on a response body kept by the client. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Cap on the body kept of a redirect answer (read, as requests reads it, but hardly ever looked at). */
const REDIRECT_BODY_BYTES = 1024 * 1024;
/** Host names that reach the app when followed with its port (the original publishes on every interface). */
const APP_HOSTS = new Set([ORIGINAL_HOST, '127.0.0.1', '0.0.0.0', '::1']);

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  /** Body decoded as UTF-8 (lossy). */
  readonly text: string;
  /** Parses the body as JSON; throws when it is not. */
  json<T = unknown>(): T;
  /** The URL this answer came from, as requests' `r.url` (`http://localhost:<port>/…`). */
  readonly url: string;
  /** The redirect answers that led here, oldest first (requests' `r.history`); empty without redirects. */
  readonly history: readonly HttpResponse[];
  /** True when the body was longer than the cap and only its start is kept. */
  readonly truncated: boolean;
}

export interface RequestOptions {
  /** JSON body (sets content-type). */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /**
   * multipart/form-data body, as `requests.post(url, data=..., files=...)` sends it (see
   * multipart.ts); streamed with a Content-Length, so a file may be larger than memory.
   */
  multipart?: MultipartForm;
  /** Raw body. */
  body?: string | Uint8Array;
  /** Query parameters, encoded like Python requests' `params=` (application/x-www-form-urlencoded). */
  query?: Record<string, string | number | readonly (string | number)[]>;
  headers?: Record<string, string>;
  /**
   * `cookies=jar`: its cookies are sent where they match the URL (for host `localhost`), on the
   * first request and on every redirect, with those set by redirect answers. The jar is not changed.
   */
  cookies?: CookieJar;
  /** Follow redirects (default true); false is the original's `allow_redirects=False`. */
  allowRedirects?: boolean;
  /** Cap on the response body kept, in bytes (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Ends the request early (besides the end of the test's time, which always does). */
  signal?: AbortSignal;
}

/** A redirect to something that is not the app: never followed (the test client talks only to the app). */
export class RedirectNotFollowed extends Error {
  constructor(
    readonly url: string,
    why: string,
  ) {
    super(`redirected to ${url}: not followed (${why})`);
    this.name = 'RedirectNotFollowed';
  }
}

/** Encodes like Python's urllib.parse.urlencode (quote_plus): spaces become '+'. */
export function encodeQuery(query: NonNullable<RequestOptions['query']>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    const values = Array.isArray(v) ? v : [v];
    for (const item of values) parts.push(`${quotePlus(k)}=${quotePlus(String(item))}`);
  }
  return parts.join('&');
}

function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

type Body = string | Uint8Array | Readable;

/** The request body and its headers; the body is made anew for each send (a 307/308 sends it again). */
function requestBody(opts: RequestOptions, headers: Map<string, string>): (() => Body) | undefined {
  const set = (name: string, value: string, keep: boolean): void => {
    if (!(keep && headers.has(name))) headers.set(name, value);
  };
  if (opts.json !== undefined) {
    const body = JSON.stringify(opts.json);
    set('content-type', 'application/json', true);
    return () => body;
  }
  if (opts.form) {
    const body = new URLSearchParams(opts.form).toString();
    set('content-type', 'application/x-www-form-urlencoded', true);
    return () => body;
  }
  if (opts.multipart) {
    const encoded = encodeMultipart(opts.multipart);
    set('content-type', encoded.contentType, false);
    set('content-length', String(encoded.body.size), false);
    // Byte chunks, pulled as the socket drains (objectMode keeps each chunk as it is, no copy).
    return () => Readable.from(encoded.body.chunks(), { objectMode: true, highWaterMark: 4 });
  }
  const raw = opts.body;
  return raw === undefined ? undefined : () => raw;
}

/** Reads a body up to `cap` bytes; a longer one is cut there and its connection closed. */
async function readCapped(body: Readable, cap: number): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      body.destroy();
      return { data: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { data: Buffer.concat(chunks), truncated: false };
}

const mib = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** Why a URL is not the app (undefined when it is). */
function notTheApp(url: string, appPort: number): string | undefined {
  const scheme = urlsplit(url).scheme;
  const { hostname, port } = hostAndPort(url);
  const reachesApp = hostname !== undefined && APP_HOSTS.has(hostname) && port === appPort;
  if (reachesApp && scheme === 'http') return undefined;
  if (reachesApp && scheme === 'https')
    return "the app's port speaks plain HTTP; requests would fail the TLS handshake";
  return 'it is not the app; the test client talks to nothing else, where requests would have requested it';
}

/**
 * Sends a request to the app and follows its redirects as `requests` does. `path` (it must start
 * with '/') is sent verbatim. Network errors, TooManyRedirects and RedirectNotFollowed are thrown.
 */
export async function http(
  app: AppInstance,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<HttpResponse> {
  const origin = new URL(app.url('/'));
  const appPort = Number(origin.port);
  let target = path;
  if (opts.query) target += (path.includes('?') ? '&' : '?') + encodeQuery(opts.query);
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers.set(k.toLowerCase(), v);
  let body = requestBody(opts, headers);
  const jar = opts.cookies?.clone() ?? new CookieJar();
  let url = `http://${ORIGINAL_HOST}:${appPort}${target}`;
  if (!headers.has('cookie')) {
    const cookie = jar.header(urlsplit(url).path || '/', ORIGINAL_HOST);
    if (cookie !== undefined) headers.set('cookie', cookie);
  }
  const cap = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const signal = opts.signal ? AbortSignal.any([app.signal, opts.signal]) : app.signal;
  let verb = method.toUpperCase();
  let fragment = urlsplit(url).fragment;
  const history: HttpResponse[] = [];
  for (;;) {
    const hostHeader = urlsplit(url).netloc.slice(urlsplit(url).netloc.lastIndexOf('@') + 1);
    // The dispatcher API sends `target` verbatim (undici.request() would normalise '..'); no
    // headers/body timeouts: only the signal ends a request.
    const res = await getGlobalDispatcher().request({
      origin: origin.origin,
      path: target,
      method: verb as 'GET',
      headers: { host: hostHeader, ...Object.fromEntries(headers) },
      body: body?.(),
      headersTimeout: 0,
      bodyTimeout: 0,
      signal,
    });
    const location = opts.allowRedirects === false ? undefined : redirectTarget(res.statusCode, res.headers.location);
    const keep = location === undefined ? cap : Math.min(cap, REDIRECT_BODY_BYTES);
    const { data, truncated } = await readCapped(res.body, keep);
    if (truncated && location === undefined)
      app.log.warn(
        `${verb} ${target}: the answer's body is longer than ${mib(cap)}; only its first ${mib(cap)} are kept`,
      );
    const text = data.toString('utf8');
    const response: HttpResponse = {
      status: res.statusCode,
      headers: res.headers,
      body: data,
      text,
      json<T>(): T {
        return JSON.parse(text) as T;
      },
      url,
      history: [...history],
      truncated,
    };
    if (location === undefined) return response;

    if (history.length >= MAX_REDIRECTS) throw new TooManyRedirects();
    history.push(response);
    // requests reads the header's bytes as UTF-8 and raises UnicodeDecodeError when they are not.
    if (location.includes('\uFFFD')) throw new Error(`the Location header of a ${res.statusCode} answer is not UTF-8`);
    const next = resolveRedirect(url, location, fragment);
    fragment = next.fragment;
    const why = notTheApp(next.url, appPort);
    if (why !== undefined) throw new RedirectNotFollowed(next.url, why);
    const status = res.statusCode;
    const nextVerb = redirectMethod(verb, status);
    if (redirectDropsBody(status)) {
      for (const h of ['content-length', 'content-type', 'transfer-encoding']) headers.delete(h);
      body = undefined;
    }
    // The Cookie header is rebuilt from the request's jar, with what this answer set.
    headers.delete('cookie');
    const from = hostAndPort(url).hostname ?? ORIGINAL_HOST;
    for (const line of setCookieHeaders(res)) jar.add(line, urlsplit(url).path || '/', from);
    const cookie = jar.header(urlsplit(next.url).path || '/', hostAndPort(next.url).hostname ?? ORIGINAL_HOST);
    if (cookie !== undefined) headers.set('cookie', cookie);
    if (headers.has('authorization') && shouldStripAuth(url, next.url)) headers.delete('authorization');
    const nextTarget = requestTarget(next.url);
    app.log.info(`${status} redirect: ${verb} ${target} → ${nextVerb} ${nextTarget}`);
    url = next.url;
    target = nextTarget;
    verb = nextVerb;
  }
}
