/**
 * Bilinear resize of RGB or RGBA pixels to size × size RGB (pixel centres
 * aligned, like tf.image.resizeBilinear with halfPixelCenters). The aspect
 * ratio is not kept, as Keras's target_size does not keep it either.
 */
export function resizeToSquareRgb(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 3 | 4,
  size: number,
): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const sx = width / size;
  const sy = height / size;
  for (let y = 0; y < size; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, height - 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, width - 1);
      const wx = fx - x0;
      const i00 = (y0 * width + x0) * channels;
      const i01 = (y0 * width + x1) * channels;
      const i10 = (y1 * width + x0) * channels;
      const i11 = (y1 * width + x1) * channels;
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = (src[i00 + c] ?? 0) * (1 - wx) + (src[i01 + c] ?? 0) * wx;
        const bottom = (src[i10 + c] ?? 0) * (1 - wx) + (src[i11 + c] ?? 0) * wx;
        out[o + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return out;
}
