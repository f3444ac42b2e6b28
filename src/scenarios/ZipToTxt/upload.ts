/**
 * A multipart upload whose body is streamed, for archives too large to hold in memory.
 * The shared http() client takes a FormData of in-memory Blobs; this sends the same kind of
 * request (POST, multipart/form-data, one file field, a Content-Length) with the body made on
 * the fly from a ByteSource, so the host never holds more than a few chunks of it.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { getGlobalDispatcher } from 'undici';
import type { AppInstance } from '../../core/types.js';
import type { HttpResponse } from '../../attacks/http.js';
import type { ByteSource } from './fixtures.js';

const enc = new TextEncoder();

/**
 * The multipart/form-data body of one file field, laid out as Python `requests` lays out
 * `files={field: open(path)}`: a hex boundary, a Content-Disposition with the file's base name
 * and no Content-Type line for the part.
 */
export function multipartFile(
  field: string,
  filename: string,
  file: ByteSource,
  boundary = randomBytes(16).toString('hex'),
): { contentType: string; body: ByteSource } {
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: {
      size: head.length + file.size + tail.length,
      *chunks() {
        yield head;
        yield* file.chunks();
        yield tail;
      },
    },
  };
}

/**
 * POSTs `file` as the multipart field `field`, streaming it. Network errors (a connection the
 * app closes mid-upload, …) propagate as exceptions. `timeoutMs` 0 means no client timeout.
 */
export async function uploadStream(
  app: AppInstance,
  path: string,
  field: string,
  filename: string,
  file: ByteSource,
  timeoutMs = 30_000,
): Promise<HttpResponse> {
  const { contentType, body } = multipartFile(field, filename, file);
  const origin = new URL(app.url('/')).origin;
  const res = await getGlobalDispatcher().request({
    origin,
    path,
    method: 'POST',
    headers: { 'content-type': contentType, 'content-length': String(body.size) },
    // Byte chunks, pulled as the socket drains (objectMode keeps each chunk as it is, no copy).
    body: Readable.from(body.chunks(), { objectMode: true, highWaterMark: 4 }),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: app.signal,
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
