/**
 * The profile picture the tests upload: a small PNG drawn here (a colour gradient), encoded with
 * node:zlib — no image file is shipped.
 */
import { encodePng } from '../../attacks/png.js';

/** An RGB PNG of the given size. */
export function makePng(width = 64, height = 48): Buffer {
  const px = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      px.set(
        [Math.round((255 * x) / Math.max(1, width - 1)), Math.round((255 * y) / Math.max(1, height - 1)), 128],
        (y * width + x) * 3,
      );
    }
  }
  return encodePng(width, height, px, 3);
}
