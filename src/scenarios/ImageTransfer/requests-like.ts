/**
 * The multipart body Python `requests` (with urllib3) puts on the wire for the original's uploads,
 * where it differs from what undici would send. Unit-tested in test/scenario-imagetransfer.test.ts.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartBody {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * `requests.post(url, files={field: (filename, data[, contentType])})`: one part, a 32-hex-digit
 * boundary, and — unlike undici's FormData — no Content-Type line in the part when the tuple
 * names none. In the file name, `"` CR and LF are percent-encoded as urllib3 does.
 */
export function requestsMultipart(
  field: string,
  filename: string,
  data: string | Uint8Array,
  contentType?: string,
): MultipartBody {
  const boundary = randomBytes(16).toString('hex');
  const quoteName = (s: string): string => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${quoteName(field)}"; filename="${quoteName(filename)}"\r\n` +
    (contentType ? `Content-Type: ${contentType}\r\n` : '') +
    '\r\n';
  const body = Buffer.concat([
    Buffer.from(head, 'utf8'),
    typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
