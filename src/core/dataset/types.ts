import type { DatasetSummary, SplitName } from '../../domain/dataset.ts';

/** One labelled image: `name` is the image's name as its label row writes it (normalized). */
export interface ImageRef {
  name: string;
  label: 0 | 1;
  /** 1-based row in the label file, for messages. */
  row: number;
}

/** Where image bytes come from (a zip in practice). */
export interface ImageSource {
  has(name: string): boolean;
  read(name: string): Promise<Uint8Array>;
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
