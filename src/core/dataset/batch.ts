import { decodeBytes } from './imageLocation.ts';
import type { Batch, DecodedImage, ImageDecoder, ImageRef, ImageSource } from './types.ts';

/**
 * One image's pixels: read and decoded by the decoder where it can read the
 * image itself (decode workers), else read here and handed to it.
 */
async function decodeRef(
  source: ImageSource,
  name: string,
  decoder: ImageDecoder,
  size: number,
): Promise<DecodedImage> {
  const location = decoder.decodeAt ? source.locate?.(name) : undefined;
  if (location && decoder.decodeAt) return decoder.decodeAt(location, name, size);
  return decodeBytes(await source.read(name), name, size, decoder);
}

/**
 * Reads and decodes `refs` into one size × size RGB batch. An entry that is
 * missing, refused or undecodable is skipped and listed in `skipped`, never
 * thrown: one bad JPEG must not stop a run.
 */
export async function readBatch(
  source: ImageSource,
  refs: ImageRef[],
  decoder: ImageDecoder,
  size: number,
): Promise<Batch> {
  const pixels = size * size * 3;
  const decoded = await Promise.all(
    refs.map(async (ref) => {
      try {
        const image = await decodeRef(source, ref.name, decoder, size);
        if (image.width !== size || image.height !== size || image.data.length !== pixels) {
          throw new Error(
            `${ref.name} decoded to ${image.width}×${image.height}, not ${size}×${size}.`,
          );
        }
        return { ref, data: image.data, reason: null };
      } catch (error) {
        return { ref, data: null, reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const good = decoded.filter((d) => d.data !== null);
  const images = new Uint8Array(good.length * pixels);
  const labels = new Float32Array(good.length);
  good.forEach((d, i) => {
    images.set(d.data as Uint8Array, i * pixels);
    labels[i] = d.ref.label;
  });
  return {
    count: good.length,
    size,
    images,
    labels,
    names: good.map((d) => d.ref.name),
    skipped: decoded
      .filter((d) => d.data === null)
      .map((d) => ({ name: d.ref.name, reason: d.reason ?? 'unknown' })),
  };
}
