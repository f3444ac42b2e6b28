/**
 * What Python `requests` (with urllib3) puts on the wire for the original's calls, where it differs
 * from what undici would send. Pure functions; unit-tested in test/scenario-imagetransfer.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { quoteLikeRequests } from '../../attacks/group-b-http.js';

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

/** urllib3's dot-segment removal (RFC 3986 §5.2.4), applied to http URLs before sending. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.length > 0) out.pop();
  }
  if (path.startsWith('/') && (out.length === 0 || out[0] !== '')) out.unshift('');
  if (path.endsWith('/.') || path.endsWith('/..')) out.push('');
  return out.join('/');
}

const upperEscapes = (s: string): string => s.replace(/%[0-9a-fA-F]{2}/g, (m) => m.toUpperCase());

/**
 * The request target `requests.get(f"http://host{path}")` sends: the query starts at the first
 * '?' (an empty one is dropped), dot segments are removed, escapes are upper-cased and the rest
 * is re-quoted as `requote_uri` does.
 */
export function requestsGetTarget(path: string): string {
  const q = path.indexOf('?');
  const rawPath = q >= 0 ? path.slice(0, q) : path;
  const query = q >= 0 ? path.slice(q + 1) : '';
  const cleanPath = quoteLikeRequests(upperEscapes(removeDotSegments(rawPath || '/')));
  return query ? `${cleanPath}?${quoteLikeRequests(upperEscapes(query))}` : cleanPath;
}

/** Characters urllib3 leaves alone in a path it sends verbatim (unreserved, sub-delims, ':', '@', '/'). */
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * The request target of a prepared request whose URL was set by hand (the original's
 * `prep.url = url`): dot segments stay; urllib3 only upper-cases escapes and percent-encodes
 * characters outside its path set (a backslash becomes %5C).
 */
export function verbatimTarget(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(path.slice(i + 1, i + 3))) {
      out += path.slice(i, i + 3).toUpperCase();
      i += 2;
    } else if (PATH_CHAR.test(ch)) {
      out += ch;
    } else {
      const cp = path.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      if (s.length === 2) i++;
      out += Array.from(Buffer.from(s, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  }
  return out;
}
