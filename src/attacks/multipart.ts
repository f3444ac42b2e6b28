/**
 * multipart/form-data bodies byte for byte as the original's client builds them:
 * `requests.post(url, data={...}, files={...})` with requests 2.32.3 on urllib3 2.3.0 (the
 * versions its Pipfile.lock pins; requests' `_encode_files`, urllib3's `RequestField` and
 * `encode_multipart_formdata`). The body is a ByteSource, so a large file is streamed, never
 * held in memory. What requests does, and so what this does:
 *
 * - boundary: 32 lower-case hex digits (16 random bytes); the request's Content-Type is
 *   `multipart/form-data; boundary=<boundary>`;
 * - every part is `--<boundary>\r\n`, its header lines, an empty line, its bytes, `\r\n`; the body
 *   ends with `--<boundary>--\r\n`;
 * - the `data` fields come first, in their order (a list value gives one part per item), then the
 *   `files`, in their order;
 * - a data field has one header line, `Content-Disposition: form-data; name="<name>"`, and no
 *   Content-Type; a file adds `; filename="<filename>"` (left out when the filename is None) and has
 *   a `Content-Type: <type>` line only when the call names one (the tuple's third item) — requests
 *   guesses none;
 * - in `name` and `filename`, only `"`, CR and LF are escaped, as %22, %0D and %0A (the WHATWG HTML
 *   form encoding, urllib3 2's `format_multipart_header_param`); everything else is written as is,
 *   non-ASCII as UTF-8, a backslash as a backslash;
 * - strings (names, values, contents) are UTF-8; header lines are not folded.
 */
import { randomBytes } from 'node:crypto';
import { type ByteSource, bytesOf } from './byte-source.js';

/** A `data=` value: str (sent as UTF-8) or bytes. Python callers' ints are passed as their `str()`. */
export type FieldValue = string | Uint8Array;

/** `data=`: a dict (a list value gives one part per item) or a list of (name, value) pairs. */
export type DataFields =
  | Readonly<Record<string, FieldValue | readonly FieldValue[]>>
  | readonly (readonly [string, FieldValue])[];

/** One entry of `files=`: the tuple `(filename, content[, contentType])`. */
export interface FileField {
  /**
   * The tuple's first item (for an open file passed alone, requests uses the base name of its
   * path). null: no filename parameter, as for requests' `(None, content)`.
   */
  readonly filename: string | null;
  readonly content: string | Uint8Array | ByteSource;
  /** The tuple's third item; without it the part has no Content-Type line. */
  readonly contentType?: string | undefined;
}

/** `files=`: a dict or a list of (name, file) pairs (a list may repeat a name). */
export type FileFields = Readonly<Record<string, FileField>> | readonly (readonly [string, FileField])[];

export interface MultipartForm {
  readonly data?: DataFields;
  readonly files: FileFields;
}

export interface MultipartBody {
  readonly boundary: string;
  /** The request's Content-Type header. */
  readonly contentType: string;
  readonly body: ByteSource;
}

/** urllib3's `choose_boundary`: 16 random bytes as lower-case hex. */
export function chooseBoundary(): string {
  return randomBytes(16).toString('hex');
}

/** urllib3's `format_multipart_header_param`: `name="value"` with `"`, CR and LF percent-encoded. */
export function formatHeaderParam(name: string, value: string): string {
  return `${name}="${value.replace(/[\n\r"]/g, (c) => (c === '\n' ? '%0A' : c === '\r' ? '%0D' : '%22'))}"`;
}

function entries<T>(fields: Readonly<Record<string, T>> | readonly (readonly [string, T])[]): (readonly [string, T])[] {
  return Array.isArray(fields) ? [...fields] : Object.entries(fields as Readonly<Record<string, T>>);
}

function sourceOf(content: string | Uint8Array | ByteSource): ByteSource {
  return typeof content === 'string' || content instanceof Uint8Array ? bytesOf(content) : content;
}

interface Part {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string | undefined;
  readonly content: ByteSource;
}

/** The parts in requests' order: data fields (list values spread), then files. */
function partsOf(form: MultipartForm): Part[] {
  const parts: Part[] = [];
  for (const [name, value] of entries<FieldValue | readonly FieldValue[]>(form.data ?? {})) {
    const values: readonly FieldValue[] = typeof value === 'string' || value instanceof Uint8Array ? [value] : value;
    for (const v of values) parts.push({ name, filename: null, contentType: undefined, content: bytesOf(v) });
  }
  for (const [name, file] of entries(form.files))
    parts.push({ name, filename: file.filename, contentType: file.contentType, content: sourceOf(file.content) });
  return parts;
}

/** A part's opening: boundary line, Content-Disposition, Content-Type when given, empty line. */
function partHead(boundary: string, part: Part): Buffer {
  let disposition = `form-data; ${formatHeaderParam('name', part.name)}`;
  if (part.filename !== null) disposition += `; ${formatHeaderParam('filename', part.filename)}`;
  const lines = [`Content-Disposition: ${disposition}`];
  if (part.contentType) lines.push(`Content-Type: ${part.contentType}`);
  return Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`, 'utf8');
}

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * The body requests sends for `requests.post(url, data=form.data, files=form.files)`. Throws when
 * `files` is empty: requests then sends no multipart body at all (`data` goes url-encoded).
 */
export function encodeMultipart(form: MultipartForm, boundary: string = chooseBoundary()): MultipartBody {
  if (entries<FileField>(form.files).length === 0)
    throw new Error('a multipart body needs at least one file: requests sends none for an empty files=');
  const parts = partsOf(form);
  const heads = parts.map((p) => partHead(boundary, p));
  const tail = Buffer.from(`--${boundary}--\r\n`, 'latin1');
  const size = parts.reduce((n, p, i) => n + heads[i]!.length + p.content.size + CRLF.length, tail.length);
  return {
    boundary,
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: {
      size,
      *chunks() {
        for (let i = 0; i < parts.length; i++) {
          yield heads[i]!;
          yield* parts[i]!.content.chunks();
          yield CRLF;
        }
        yield tail;
      },
    },
  };
}
