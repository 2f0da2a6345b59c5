import { checkImage } from '../core/dataset/imageLimits.ts';
import { jpegDecoder } from '../core/dataset/jpegDecoder.ts';
import type { ImageDecoder } from '../core/dataset/types.ts';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function drawingContext(size: number): OffscreenCanvasRenderingContext2D {
  if (!canvas || !context || canvas.width !== size) {
    canvas = new OffscreenCanvas(size, size);
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser gives workers no 2D canvas to read pixels from.');
  }
  return context;
}

/**
 * The browser's own decoder: createImageBitmap decodes and resizes off the
 * main thread (JPEG and PNG); a reused OffscreenCanvas hands back the pixels.
 * Sizes are checked from the header first so a decompression bomb is never
 * decoded.
 */
export const browserDecoder: ImageDecoder = {
  async decode(bytes, name, size) {
    const header = checkImage(bytes, name);
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${header.format}` }),
        { resizeWidth: size, resizeHeight: size, resizeQuality: 'medium' },
      );
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${name} could not be decoded: ${why}`);
    }
    const ctx = drawingContext(size);
    ctx.clearRect(0, 0, size, size);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const rgba = ctx.getImageData(0, 0, size, size).data;
    const rgb = new Uint8Array(size * size * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i] ?? 0;
      rgb[j + 1] = rgba[i + 1] ?? 0;
      rgb[j + 2] = rgba[i + 2] ?? 0;
    }
    return { width: size, height: size, data: rgb };
  },
};

/** The browser's decoder where this worker has createImageBitmap and OffscreenCanvas, else jpeg-js. */
export const localDecoder: ImageDecoder =
  typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function'
    ? browserDecoder
    : jpegDecoder;
