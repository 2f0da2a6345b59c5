import type { DatasetSummary, SplitName } from '../../domain/dataset.ts';
import type { ZipEntryRef } from './zipEntry.ts';

/** One labelled image: `name` is the image's name as its label row writes it (normalized). */
export interface ImageRef {
  name: string;
  label: 0 | 1;
  /** 1-based row in the label file, for messages. */
  row: number;
}

/**
 * Where an image's bytes lie, for a decoder that reads them itself (in
 * another thread): an entry of a zip, or a file of a dropped folder. Both are
 * handles to bytes on disk; nothing is read until the image is decoded.
 */
export type ImageLocation =
  | { kind: 'zip'; archive: Blob; archiveName: string; entry: ZipEntryRef }
  | { kind: 'file'; file: Blob; path: string; size: number };

/** Where image bytes come from (a zip in practice). */
export interface ImageSource {
  has(name: string): boolean;
  read(name: string): Promise<Uint8Array>;
  /** Where `name`'s bytes lie; undefined when the source does not hold it. */
  locate?(name: string): ImageLocation | undefined;
}

/** RGB pixels, row-major, width * height * 3 bytes. */
export interface DecodedImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Platform-specific image decoding, injected: createImageBitmap in the
 * browser, jpeg-js in Node. Returns the image resized to size × size RGB.
 * Throws on a corrupt or refused image (the caller counts and skips it).
 */
export interface ImageDecoder {
  decode(bytes: Uint8Array, name: string, size: number): Promise<DecodedImage>;
  /**
   * Reads the image from where it lies and decodes it, as `decode` after the
   * source's `read` would, with the same errors; a decoder with other threads
   * does it there, so this thread only waits for the pixels.
   */
  decodeAt?(location: ImageLocation, name: string, size: number): Promise<DecodedImage>;
  /** Lets go of the files handed to other threads (a new dataset replaced them). */
  release?(): void;
}

export interface LoadedDataset {
  summary: DatasetSummary;
  classNames: [string, string];
  splits: Record<SplitName, ImageRef[]>;
  source: ImageSource;
}

/** One batch ready to become tensors: images are size × size RGB, uint8. */
export interface Batch {
  count: number;
  size: number;
  images: Uint8Array;
  labels: Float32Array;
  names: string[];
  /** Entries that could not be decoded, skipped from this batch. */
  skipped: { name: string; reason: string }[];
}
