/** Entries larger than this are refused before they are inflated or decoded. */
export const MAX_ENTRY_BYTES = 20 * 1024 * 1024;
/** Images with more pixels than this are refused: a decompression bomb fits in a small file. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export interface ImageHeader {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

function readPngHeader(b: Uint8Array): ImageHeader | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 24) return null;
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** Walks JPEG markers to the first start-of-frame, which holds the dimensions. */
function readJpegHeader(b: Uint8Array): ImageHeader | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0);
      const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0);
      return { format: 'jpeg', width, height };
    }
    i += 2 + length;
  }
  return null;
}

/** The format and size an image declares, read from its header without decoding it. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return readPngHeader(bytes);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegHeader(bytes);
  return null;
}

/**
 * Throws (with the entry's name) for anything a decoder should not touch:
 * too many bytes, too many pixels, or not a JPEG or PNG at all.
 */
export function checkImage(bytes: Uint8Array, name: string): ImageHeader {
  if (bytes.length > MAX_ENTRY_BYTES) {
    throw new Error(
      `${name} is refused: ${(bytes.length / 1048576).toFixed(1)} MB is over the 20 MB limit.`,
    );
  }
  const header = readImageHeader(bytes);
  if (!header) throw new Error(`${name} is not a readable JPEG or PNG.`);
  if (header.width === 0 || header.height === 0)
    throw new Error(`${name} declares an empty image.`);
  const pixels = header.width * header.height;
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new Error(
      `${name} is refused: ${header.width}×${header.height} is ${(pixels / 1e6).toFixed(1)} megapixels, over the 40 MP limit.`,
    );
  }
  return header;
}
