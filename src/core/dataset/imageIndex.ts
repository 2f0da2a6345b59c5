import { entryProblem } from './imageFormats.ts';
import { MAX_ENTRY_BYTES } from './imageLimits.ts';
import { readLocated } from './imageLocation.ts';
import { buildNameIndex, lastSegment, type NameIndex, normalizeName } from './nameIndex.ts';
import { isImageName } from './text.ts';
import type { ImageLocation, ImageSource } from './types.ts';
import type { ZipNameEncoding } from './zipNames.ts';

/** The images of a dropped zip or folder by path, read lazily. */
export interface ImageIndex {
  /** The zip's file name, or the folder's name. */
  fileName: string;
  kind: 'zip' | 'folder';
  bytes: number;
  /**
   * Normalized path → the image's slot (0, 1, 2… in the order kept), where
   * the zip or folder reader holds how to read it; of an entry written twice
   * at one path, the first wins.
   */
  entries: Map<string, number>;
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
export class ImageCollector {
  readonly entries = new Map<string, number>();
  readonly duplicates = new Set<string>();
  readonly ignored: string[] = [];
  readonly refused: string[] = [];
  readonly unusable = new Map<string, string>();

  /** Sorts one entry of `size` bytes at `rawPath`: its slot when it is an image to keep, else -1. */
  add(rawPath: string, size: number): number {
    const path = normalizeName(rawPath);
    const name = lastSegment(path);
    const macMetadata = path.split('/').includes('__MACOSX') || name.startsWith('._');
    const problem = macMetadata ? null : entryProblem(name, size);
    if (problem) {
      this.unusable.set(name, problem);
      this.ignored.push(rawPath);
      return -1;
    }
    if (macMetadata || !isImageName(name)) {
      this.ignored.push(rawPath);
      return -1;
    }
    if (size > MAX_ENTRY_BYTES) {
      this.refused.push(path);
      return -1;
    }
    if (this.entries.has(path)) {
      this.duplicates.add(path);
      return -1;
    }
    const slot = this.entries.size;
    this.entries.set(path, slot);
    return slot;
  }

  /** Takes out an image whose first bytes show the decoder cannot read it, saying why. */
  exclude(path: string, why: string): void {
    if (!this.entries.delete(path)) return;
    this.unusable.set(lastSegment(path), why);
    this.ignored.push(path);
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
    locate: (slot: number, path: string) => ImageLocation,
  ): ImageIndex {
    const { entries } = this;
    const names = buildNameIndex(entries);
    // Reads images by the name a label row gives them (see nameIndex.ts for how names match).
    const find = (name: string) => {
      const match = names.match(name);
      return match.kind === 'found' ? match.path : undefined;
    };
    const where = (name: string): ImageLocation | undefined => {
      const path = find(name);
      const slot = path === undefined ? undefined : entries.get(path);
      return path === undefined || slot === undefined ? undefined : locate(slot, path);
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
          const at = where(name);
          if (!at) return Promise.reject(new Error(`${name} is not in ${fileName}.`));
          return readLocated(at);
        },
        locate: where,
      },
    };
  }
}
