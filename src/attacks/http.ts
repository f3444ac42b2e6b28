/**
 * A small HTTP client for tests, on undici. Unlike fetch it sends the path exactly as
 * given (no dot-segment removal or re-encoding), which path traversal payloads need.
 * Multipart bodies are made as Python `requests` makes them (multipart.ts) and streamed.
 */
import { Readable } from 'node:stream';
import { getGlobalDispatcher } from 'undici';
import type { AppInstance } from '../core/types.js';
import { encodeMultipart, type MultipartForm } from './multipart.js';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  /** Body decoded as UTF-8 (lossy). */
  readonly text: string;
  /** Parses the body as JSON; throws when it is not. */
  json<T = unknown>(): T;
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
  /** ms; default 30 s; 0: no client timeout (as a `requests` call without `timeout=`). */
  timeoutMs?: number;
  /** Ends the request early (besides the end of the app's run, which always does). */
  signal?: AbortSignal;
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

/**
 * Sends a request to the app. `path` is sent verbatim (it must start with '/').
 * Network errors propagate as exceptions.
 */
export async function http(
  app: AppInstance,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<HttpResponse> {
  const base = new URL(app.url('/'));
  let fullPath = path;
  if (opts.query) fullPath += (path.includes('?') ? '&' : '?') + encodeQuery(opts.query);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | Uint8Array | Readable | undefined = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] ??= 'application/json';
  } else if (opts.form) {
    body = new URLSearchParams(opts.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (opts.multipart) {
    const encoded = encodeMultipart(opts.multipart);
    headers['content-type'] = encoded.contentType;
    headers['content-length'] = String(encoded.body.size);
    // Byte chunks, pulled as the socket drains (objectMode keeps each chunk as it is, no copy).
    body = Readable.from(encoded.body.chunks(), { objectMode: true, highWaterMark: 4 });
  }
  const timeout = opts.timeoutMs ?? 30_000;
  // The dispatcher API sends `path` verbatim (undici.request() would normalise '..').
  const res = await getGlobalDispatcher().request({
    origin: base.origin,
    path: fullPath,
    method: method.toUpperCase() as 'GET',
    headers,
    body,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    signal: opts.signal ? AbortSignal.any([app.signal, opts.signal]) : app.signal,
  });
  const buf = Buffer.from(await res.body.arrayBuffer());
  const text = buf.toString('utf8');
  return {
    status: res.statusCode,
    headers: res.headers,
    body: buf,
    text,
    json<T>(): T {
      return JSON.parse(text) as T;
    },
  };
}
