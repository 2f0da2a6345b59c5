import type { ImagePayload } from '../../domain/images.ts';

/** One square RGB image (from `offset` in `rgb`) as opaque RGBA pixels for display. */
export function rgbToPayload(rgb: ArrayLike<number>, size: number, offset = 0): ImagePayload {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let p = 0, q = offset; p < data.length; p += 4, q += 3) {
    data[p] = rgb[q] ?? 0;
    data[p + 1] = rgb[q + 1] ?? 0;
    data[p + 2] = rgb[q + 2] ?? 0;
    data[p + 3] = 255;
  }
  return { width: size, height: size, data };
}
