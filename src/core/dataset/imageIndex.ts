import { MAX_ENTRY_BYTES } from './imageLimits.ts';
import { basename, isImageName } from './text.ts';
import type { ImageSource } from './types.ts';

/** One image found in a zip or a folder; `path` is where it lies inside. */
export interface IndexedImage {
  path: string;
  size: number;
}

/** The images of a dropped zip or folder by basename, read lazily. */
export interface ImageIndex<T extends IndexedImage = IndexedImage> {
  /** The zip's file name, or the folder's name. */
  fileName: string;
  kind: 'zip' | 'folder';
  bytes: number;
  /** Basename → image; the first of duplicate basenames wins. */
  entries: Map<string, T>;
  /** Basenames found more than once (at different paths). */
  duplicates: string[];
  /** Non-image entries and macOS metadata, by path. */
  ignored: string[];
  /** Entries over the size limit, by basename. */
  refused: string[];
  source: ImageSource;
}

/** Sorts what a zip or folder holds into images, ignored entries, refused and duplicate names. */
export class ImageCollector<T extends IndexedImage> {
  readonly entries = new Map<string, T>();
  readonly duplicates = new Set<string>();
  readonly ignored: string[] = [];
  readonly refused: string[] = [];

  add(item: T): void {
    const name = basename(item.path);
    const macMetadata = item.path.split('/').includes('__MACOSX') || name.startsWith('._');
    if (macMetadata || !isImageName(name)) {
      this.ignored.push(item.path);
      return;
    }
    if (item.size > MAX_ENTRY_BYTES) {
      this.refused.push(name);
      return;
    }
    if (this.entries.has(name)) {
      this.duplicates.add(name);
      return;
    }
    this.entries.set(name, item);
  }

  finish(
    fileName: string,
    kind: ImageIndex['kind'],
    bytes: number,
    read: (item: T) => Promise<Uint8Array>,
  ): ImageIndex<T> {
    const { entries } = this;
    return {
      fileName,
      kind,
      bytes,
      entries,
      duplicates: [...this.duplicates],
      ignored: this.ignored,
      refused: this.refused,
      source: {
        has: (name) => entries.has(name),
        read(name) {
          const item = entries.get(name);
          if (!item) return Promise.reject(new Error(`${name} is not in ${fileName}.`));
          return read(item);
        },
      },
    };
  }
}
