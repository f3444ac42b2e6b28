/**
 * Fixtures and a reader for ImageConverter: the two PNG images the tests upload are drawn here
 * and encoded with node:zlib (no image file is shipped), and `readGif` lists the frames of the
 * GIF the app answers with and each frame's display time, as Pillow (which the original reads
 * the GIF with, through imageio) reports them.
 */
import { encodePng } from '../../attacks/png.js';

/** A 100×100 opaque picture: a grey disc with a dark ring on a light background. */
export function makeImagePng(): Buffer {
  const size = 100;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - 49.5, y - 49.5);
      const v = r < 30 ? 150 : r < 36 ? 20 : 215 - Math.round(r);
      px.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, px);
}

/** A 320×180 colour picture (16:9, like a video frame): diagonal bands over a gradient. */
export function makeFramePng(): Buffer {
  const w = 320;
  const h = 180;
  const px = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const band = Math.floor((x + y) / 20) % 2 === 0;
      px.set([Math.round((255 * x) / (w - 1)), band ? 200 : 60, Math.round((255 * y) / (h - 1)), 255], (y * w + x) * 4);
    }
  }
  return encodePng(w, h, px);
}

export interface GifFrame {
  readonly width: number;
  readonly height: number;
  /**
   * Display time in ms (the Graphic Control Extension's delay × 10), or undefined when no such
   * extension precedes the frame (Pillow then has no "duration" for it).
   */
  readonly durationMs: number | undefined;
}

/** Lists a GIF's frames; throws when the data is not a well-formed GIF. */
export function readGif(data: Buffer): GifFrame[] {
  const magic = data.subarray(0, 6).toString('latin1');
  if (magic !== 'GIF87a' && magic !== 'GIF89a') throw new Error('not a GIF file');
  let pos = 6;
  const need = (n: number): void => {
    if (pos + n > data.length) throw new Error('truncated GIF');
  };
  need(7);
  const screenFlags = data[pos + 4]!;
  pos += 7;
  if (screenFlags & 0x80) pos += 3 * (1 << ((screenFlags & 7) + 1));
  const skipSubBlocks = (): void => {
    for (;;) {
      need(1);
      const len = data[pos++]!;
      if (len === 0) return;
      need(len);
      pos += len;
    }
  };
  const frames: GifFrame[] = [];
  let duration: number | undefined;
  for (;;) {
    // Like Pillow, the end of the data counts as the trailer.
    if (pos >= data.length) return frames;
    const kind = data[pos++]!;
    if (kind === 0x3b) return frames; // trailer
    if (kind === 0x21) {
      need(1);
      const label = data[pos++]!;
      if (label === 0xf9) {
        need(4);
        if (data[pos]! >= 3) duration = data.readUInt16LE(pos + 2) * 10;
      }
      skipSubBlocks();
    } else if (kind === 0x2c) {
      need(9);
      const width = data.readUInt16LE(pos + 4);
      const height = data.readUInt16LE(pos + 6);
      const flags = data[pos + 8]!;
      pos += 9;
      if (flags & 0x80) pos += 3 * (1 << ((flags & 7) + 1));
      need(1);
      pos += 1; // LZW minimum code size
      skipSubBlocks();
      frames.push({ width, height, durationMs: duration });
      duration = undefined;
    } else {
      throw new Error(`unexpected block 0x${kind.toString(16)} at byte ${pos - 1}`);
    }
  }
}
