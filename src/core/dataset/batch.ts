import { formatProblem } from './imageFormats.ts';
import type { Batch, ImageDecoder, ImageRef, ImageSource } from './types.ts';

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
        const bytes = await source.read(ref.name);
        // The header, not the extension, says what the file is: a WebP named .jpg is told as such.
        const problem = formatProblem(bytes);
        if (problem) throw new Error(`${ref.name} is ${problem}.`);
        const image = await decoder.decode(bytes, ref.name, size);
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
