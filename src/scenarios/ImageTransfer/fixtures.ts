/**
 * The image the tests upload: a 32×32 RGB PNG drawn here (a checkerboard with a diagonal band),
 * encoded with node:zlib, so no binary file is shipped.
 */
import { encodePng } from '../../attacks/png.js';

function drawPng(size: number): Buffer {
  const px = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const light = ((x >> 2) + (y >> 2)) % 2 === 0;
      const band = Math.abs(x - y) < 3;
      px.set(band ? [220, 40, 60] : light ? [240, 240, 240] : [30, 90, 160], (y * size + x) * 3);
    }
  }
  return encodePng(size, size, px, 3);
}

/** The uploaded image (the same bytes on every call). */
export const TEST_IMAGE: Buffer = drawPng(32);
