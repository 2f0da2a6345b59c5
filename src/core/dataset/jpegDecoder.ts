import jpeg from 'jpeg-js';
import { checkImage, MAX_IMAGE_PIXELS } from './imageLimits.ts';
import { resizeToSquareRgb } from './resize.ts';
import type { ImageDecoder } from './types.ts';

/**
 * Pure-JS JPEG decoding (jpeg-js): the decoder for Node, and a fallback where
 * createImageBitmap is missing. PNG needs the browser decoder.
 */
export const jpegDecoder: ImageDecoder = {
  async decode(bytes, name, size) {
    const header = checkImage(bytes, name);
    if (header.format !== 'jpeg')
      throw new Error(`${name} is a PNG; only the browser decodes PNG.`);
    let image: { width: number; height: number; data: Uint8Array };
    try {
      image = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
        // Enough for a 40 MP image's RGB plus the decoder's own component buffers.
        maxMemoryUsageInMB: 512,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${name} could not be decoded: ${why}`);
    }
    return {
      width: size,
      height: size,
      data: resizeToSquareRgb(image.data, image.width, image.height, 3, size),
    };
  },
};
