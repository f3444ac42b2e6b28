/**
 * The image the tests upload: a 32×32 RGB PNG drawn here (a checkerboard with a diagonal band),
 * encoded with node:zlib, so no binary file is shipped.
 */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}

function drawPng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const stride = 1 + size * 3;
  const pixels = Buffer.alloc(size * stride);
  for (let y = 0; y < size; y++) {
    pixels[y * stride] = 0; // no filter
    for (let x = 0; x < size; x++) {
      const at = y * stride + 1 + x * 3;
      const light = ((x >> 2) + (y >> 2)) % 2 === 0;
      const band = Math.abs(x - y) < 3;
      pixels[at] = band ? 220 : light ? 240 : 30;
      pixels[at + 1] = band ? 40 : light ? 240 : 90;
      pixels[at + 2] = band ? 60 : light ? 240 : 160;
    }
  }
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The uploaded image (the same bytes on every call). */
export const TEST_IMAGE: Buffer = drawPng(32);
