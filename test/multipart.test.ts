/**
 * The multipart/form-data encoder against the bytes requests 2.32.3 / urllib3 2.3.0 send (the
 * original's pins), worked out from their documented behaviour: `_encode_files` puts `data=` before
 * `files=`; `RequestField.make_multipart` writes Content-Disposition, then Content-Type only when
 * given; `format_multipart_header_param` percent-encodes `"`, CR and LF and nothing else;
 * `encode_multipart_formdata` frames every part with `--boundary\r\n` … `\r\n` and ends with
 * `--boundary--\r\n`. And the http client streams the body with an exact Content-Length.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type ByteSource, bytesOf, crcOf, materialize, repeated } from '../src/attacks/byte-source.js';
import { http } from '../src/attacks/http.js';
import { chooseBoundary, encodeMultipart, formatHeaderParam, type MultipartForm } from '../src/attacks/multipart.js';
import type { TestLog } from '../src/core/types.js';
import { FakeApp } from './helpers/fake-sandbox.js';

const B = '0123456789abcdef0123456789abcdef';

function bytes(form: MultipartForm, boundary = B): Buffer {
  const { body } = encodeMultipart(form, boundary);
  const out = Buffer.from(materialize(body));
  expect(out.length).toBe(body.size);
  return out;
}

describe('encodeMultipart (requests.post(url, data=..., files=...))', () => {
  it("files={'file': ('image.png', b'abc')}: one part, no Content-Type line", () => {
    const { contentType } = encodeMultipart({ files: { file: { filename: 'image.png', content: 'abc' } } }, B);
    expect(contentType).toBe(`multipart/form-data; boundary=${B}`);
    expect(bytes({ files: { file: { filename: 'image.png', content: 'abc' } } }).toString('latin1')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="image.png"\r\n\r\nabc\r\n--${B}--\r\n`,
    );
  });

  it('data fields first, in order, then the files in order, each with its own Content-Type', () => {
    const form: MultipartForm = {
      data: { videoFileName: 'v.mp4', frameNumber: '0' },
      files: [
        ['images', { filename: 'a.png', content: new Uint8Array([0x00, 0xff]), contentType: 'image/png' }],
        ['images', { filename: 'b.gif', content: 'BB', contentType: 'image/gif' }],
        ['plain', { filename: 'c.bin', content: '' }],
      ],
    };
    expect(bytes(form).toString('latin1')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="videoFileName"\r\n\r\nv.mp4\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="frameNumber"\r\n\r\n0\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="images"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x00\xff\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="images"; filename="b.gif"\r\nContent-Type: image/gif\r\n\r\nBB\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="plain"; filename="c.bin"\r\n\r\n\r\n` +
        `--${B}--\r\n`,
    );
  });

  it('escapes only ", CR and LF in names and file names; non-ASCII goes as UTF-8, "%" and "\\" as they are', () => {
    const form: MultipartForm = {
      data: [['we"ird\r\nname', 'value with\nnewline\rand "quotes"']],
      files: { 'f"ile': { filename: 'a"b\r\nc é 😀\\d%22.txt', content: 'x', contentType: 'text/plain' } },
    };
    const expected = Buffer.concat([
      Buffer.from(
        `--${B}\r\nContent-Disposition: form-data; name="we%22ird%0D%0Aname"\r\n\r\n` +
          `value with\nnewline\rand "quotes"\r\n` +
          `--${B}\r\nContent-Disposition: form-data; name="f%22ile"; filename="a%22b%0D%0Ac `,
        'latin1',
      ),
      Buffer.from([0xc3, 0xa9, 0x20, 0xf0, 0x9f, 0x98, 0x80]), // "é 😀" in UTF-8
      Buffer.from(`\\d%22.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--\r\n`, 'latin1'),
    ]);
    expect(bytes(form).toString('hex')).toBe(expected.toString('hex'));
  });

  it('formats one header parameter as urllib3 does', () => {
    expect(formatHeaderParam('filename', '../../bin/bash')).toBe('filename="../../bin/bash"');
    expect(formatHeaderParam('filename', '"; touch /danger.txt #')).toBe('filename="%22; touch /danger.txt #"');
    expect(formatHeaderParam('name', '\n\r"\t\x1b')).toBe('name="%0A%0D%22\t\x1b"');
  });

  it('a list value gives one part per item; a None filename leaves the parameter out', () => {
    const form: MultipartForm = {
      data: { tag: ['x', 'y'] },
      files: { f: { filename: null, content: 'v' } },
    };
    expect(bytes(form).toString('latin1')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="tag"\r\n\r\nx\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="tag"\r\n\r\ny\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n` +
        `--${B}--\r\n`,
    );
  });

  it('refuses an empty files= (requests sends no multipart body then)', () => {
    expect(() => encodeMultipart({ data: { a: 'b' }, files: {} })).toThrow(/at least one file/);
    expect(() => encodeMultipart({ files: [] })).toThrow(/at least one file/);
  });

  it('draws boundaries as 32 random lower-case hex digits', () => {
    const a = chooseBoundary();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(chooseBoundary()).not.toBe(a);
    expect(encodeMultipart({ files: { f: { filename: 'x', content: 'y' } } }).boundary).toMatch(/^[0-9a-f]{32}$/);
  });

  it('streams a repeated file without copying it, and knows the size up front', () => {
    const video = Buffer.from('0123456789');
    const { body } = encodeMultipart(
      {
        data: { n: '0' },
        files: { video: { filename: 'v.mp4', content: repeated(video, 3), contentType: 'video/mp4' } },
      },
      B,
    );
    const chunks = [...body.chunks()];
    expect(chunks.filter((c) => c === video)).toHaveLength(3);
    expect(Buffer.from(materialize(body)).toString('latin1')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="n"\r\n\r\n0\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n` +
        `012345678901234567890123456789\r\n--${B}--\r\n`,
    );
    // 5000 MiB is described, not built.
    const mib = Buffer.alloc(1024 * 1024);
    const big = encodeMultipart({ files: { f: { filename: 'big', content: repeated(mib, 5000) } } }, B).body;
    const overhead = `--${B}\r\nContent-Disposition: form-data; name="f"; filename="big"\r\n\r\n\r\n--${B}--\r\n`
      .length;
    expect(big.size).toBe(5000 * mib.length + overhead);
  });
});

describe('byte sources', () => {
  it('crcOf continues the CRC-32 across chunks', () => {
    const parts: ByteSource = { size: 9, chunks: () => [Buffer.from('1234'), Buffer.from('56789')] };
    expect(crcOf(parts)).toBe(0xcbf43926);
    expect(crcOf(bytesOf('123456789'))).toBe(0xcbf43926);
  });

  it('materialize refuses a source whose size is wrong', () => {
    expect(() => materialize({ size: 2, chunks: () => [Buffer.from('abc')] })).toThrow(/more than/);
    expect(() => materialize({ size: 4, chunks: () => [Buffer.from('abc')] })).toThrow(/3 bytes, declared 4/);
  });
});

class LocalApp extends FakeApp {
  constructor(private readonly port: number) {
    const log: TestLog = { info: () => {}, warn: () => {}, error: () => {} };
    super({ id: 'JavaScript-express' } as FakeApp['framework'], log, new AbortController().signal, {});
  }
  override url(p = '/'): string {
    return `http://127.0.0.1:${this.port}${p}`;
  }
}

describe('http() with a multipart body', () => {
  it('sends the encoded bytes with its Content-Type and an exact Content-Length (not chunked)', async () => {
    const seen: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(parts) });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const app = new LocalApp((server.address() as AddressInfo).port);
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const r = await http(app, 'POST', '/upload', {
        multipart: {
          data: { a: 'b' },
          files: { f: { filename: 'x"y', content: repeated(chunk, 40), contentType: 'c/d' } },
        },
      });
      expect(r.text).toBe('ok');
      const { headers, body } = seen[0]!;
      const boundary = /^multipart\/form-data; boundary=([0-9a-f]{32})$/.exec(String(headers['content-type']))?.[1];
      expect(boundary).toBeDefined();
      expect(headers['transfer-encoding']).toBeUndefined();
      expect(Number(headers['content-length'])).toBe(body.length);
      const expected = Buffer.from(
        materialize(
          encodeMultipart(
            { data: { a: 'b' }, files: { f: { filename: 'x"y', content: repeated(chunk, 40), contentType: 'c/d' } } },
            boundary!,
          ).body,
        ),
      );
      expect(body.equals(expected)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
