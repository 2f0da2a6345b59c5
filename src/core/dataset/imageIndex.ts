import { entryProblem } from './imageFormats.ts';
import { MAX_ENTRY_BYTES } from './imageLimits.ts';
import { readLocated } from './imageLocation.ts';
import { buildNameIndex, lastSegment, type NameIndex, normalizeName } from './nameIndex.ts';
import { isImageName } from './text.ts';
import type { ImageLocation, ImageSource } from './types.ts';
import type { ZipNameEncoding } from './zipNames.ts';

/** One image found in a zip or a folder; `path` is where it lies inside. */
export interface IndexedImage {
  path: string;
  size: number;
}

/** The images of a dropped zip or folder by path, read lazily. */
export interface ImageIndex<T extends IndexedImage = IndexedImage> {
  /** The zip's file name, or the folder's name. */
  fileName: string;
  kind: 'zip' | 'folder';
  bytes: number;
  /** Normalized path → image; of an entry written twice at one path, the first wins. */
  entries: Map<string, T>;
  /** Matches label-file names to `entries` paths. */
  names: NameIndex;
  /** How non-ASCII names were read: "CP437" if any was, else "UTF-8" if any was, else "ASCII". */
  nameEncoding: ZipNameEncoding;
  /** Paths written more than once. */
  duplicates: string[];
  /** Non-image entries and macOS metadata, by path. */
  ignored: string[];
  /** Entries over the size limit, by path. */
  refused: string[];
  /** Entries named like images the decoder cannot read (WebP, GIF, a nested zip, 0 bytes): basename → why. */
  unusable: Map<string, string>;
  source: ImageSource;
}

/** Sorts what a zip or folder holds into images, ignored entries, refused and duplicate names. */
export class ImageCollector<T extends IndexedImage> {
  readonly entries = new Map<string, T>();
  readonly duplicates = new Set<string>();
  readonly ignored: string[] = [];
  readonly refused: string[] = [];
  readonly unusable = new Map<string, string>();

  add(item: T): void {
    const path = normalizeName(item.path);
    const name = lastSegment(path);
    const macMetadata = path.split('/').includes('__MACOSX') || name.startsWith('._');
    const problem = macMetadata ? null : entryProblem(name, item.size);
    if (problem) {
      this.unusable.set(name, problem);
      this.ignored.push(item.path);
      return;
    }
    if (macMetadata || !isImageName(name)) {
      this.ignored.push(item.path);
      return;
    }
    if (item.size > MAX_ENTRY_BYTES) {
      this.refused.push(path);
      return;
    }
    if (this.entries.has(path)) {
      this.duplicates.add(path);
      return;
    }
    this.entries.set(path, item);
  }

  /** How names were decoded, as far as the caller saw; a non-ASCII path means UTF-8 at least. */
  readonly encodings = new Set<ZipNameEncoding>();

  private nameEncoding(): ZipNameEncoding {
    if (this.encodings.has('CP437')) return 'CP437';
    if (this.encodings.has('UTF-8')) return 'UTF-8';
    for (const path of this.entries.keys()) if (/[^ -~]/.test(path)) return 'UTF-8';
    return 'ASCII';
  }

  finish(
    fileName: string,
    kind: ImageIndex['kind'],
    bytes: number,
    locate: (item: T) => ImageLocation,
  ): ImageIndex<T> {
    const { entries } = this;
    const names = buildNameIndex(entries.keys());
    // Reads images by the name a label row gives them (see nameIndex.ts for how names match).
    const find = (name: string) => {
      const match = names.match(name);
      return match.kind === 'found' ? entries.get(match.path) : undefined;
    };
    return {
      fileName,
      kind,
      bytes,
      entries,
      names,
      nameEncoding: this.nameEncoding(),
      duplicates: [...this.duplicates],
      ignored: this.ignored,
      refused: this.refused,
      unusable: this.unusable,
      source: {
        has: (name) => find(name) !== undefined,
        read(name) {
          const item = find(name);
          if (!item) return Promise.reject(new Error(`${name} is not in ${fileName}.`));
          return readLocated(locate(item));
        },
        locate(name) {
          const item = find(name);
          return item ? locate(item) : undefined;
        },
      },
    };
  }
}
