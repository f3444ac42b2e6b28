/**
 * A multipart/form-data POST whose file part is one buffer repeated many times, streamed to the
 * app without ever holding the whole body in memory (the resource test sends the video 5000
 * times over). Also takes its own abort signal, so a request still running when the test has
 * decided can be cut off.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { getGlobalDispatcher } from 'undici';
import type { AppInstance } from '../../core/types.js';

export interface RepeatedFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  /** How many times `content` is sent back to back. */
  readonly repeat: number;
}

export interface StreamedResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** Quotes a header parameter the way browsers (and Python requests / undici) do. */
const quoteParam = (s: string): string => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

/** The body's pieces: text fields first, then the file (the order requests uses for data= then files=). */
export function multipartPieces(
  boundary: string,
  fields: Readonly<Record<string, string>>,
  file: RepeatedFile,
): { head: Buffer; tail: Buffer; length: number } {
  let head = '';
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(name)}"\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(file.field)}"; filename="${quoteParam(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const headBuf = Buffer.from(head, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { head: headBuf, tail, length: headBuf.length + file.content.length * file.repeat + tail.length };
}

/** POSTs the form; resolves with the whole response, rejects on network errors or abort. */
export async function postRepeatedFile(
  app: AppInstance,
  path: string,
  fields: Readonly<Record<string, string>>,
  file: RepeatedFile,
  signal: AbortSignal,
): Promise<StreamedResponse> {
  const boundary = `----baxbench${randomBytes(12).toString('hex')}`;
  const { head, tail, length } = multipartPieces(boundary, fields, file);
  function* chunks(): Generator<Buffer> {
    yield head;
    for (let i = 0; i < file.repeat; i++) yield file.content;
    yield tail;
  }
  const res = await getGlobalDispatcher().request({
    origin: new URL(app.url('/')).origin,
    path,
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) },
    body: Readable.from(chunks(), { objectMode: false }),
    signal,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}
