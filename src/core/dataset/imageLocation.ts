import { formatProblem } from './imageFormats.ts';
import type { DecodedImage, ImageDecoder, ImageLocation } from './types.ts';
import { readZipEntry } from './zipEntry.ts';

/** An image's bytes, read from where it lies: a zip entry by random access, or a folder's file. */
export async function readLocated(location: ImageLocation): Promise<Uint8Array> {
  if (location.kind === 'zip') {
    return readZipEntry(location.archive, location.archiveName, location.entry);
  }
  const data = new Uint8Array(await location.file.arrayBuffer());
  if (data.length !== location.size) {
    throw new Error(
      `${location.path} changed on disk while it was being read; drop the folder again.`,
    );
  }
  return data;
}

/**
 * Decodes an image's bytes after telling, from its header rather than its
 * extension, the formats no decoder here reads (a WebP named .jpg is told as such).
 */
export function decodeBytes(
  bytes: Uint8Array,
  name: string,
  size: number,
  decoder: ImageDecoder,
): Promise<DecodedImage> {
  const problem = formatProblem(bytes);
  if (problem) return Promise.reject(new Error(`${name} is ${problem}.`));
  return decoder.decode(bytes, name, size);
}

/** Reads and decodes one image in this thread: what a decode worker does in its own. */
export async function decodeLocated(
  location: ImageLocation,
  name: string,
  size: number,
  decoder: ImageDecoder,
): Promise<DecodedImage> {
  return decodeBytes(await readLocated(location), name, size, decoder);
}
