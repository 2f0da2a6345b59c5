import JSZip from 'jszip';
import type { DatasetFile, Progress } from './files.ts';
import { readBytes } from './files.ts';
import { MAX_ENTRY_BYTES } from './imageLimits.ts';
import { buildNameIndex, lastSegment, type NameIndex, normalizeName } from './nameIndex.ts';
import { isImageName } from './text.ts';
import type { ImageSource } from './types.ts';
import { decodeZipName, type ZipNameEncoding } from './zipNames.ts';

/** The zip's images by path, read lazily from the one buffer that holds the zip. */
export interface ZipIndex {
  fileName: string;
  bytes: number;
  /** Normalized path → entry; of an entry written twice at one path, the first wins. */
  entries: Map<string, JSZip.JSZipObject>;
  /** Matches label-file names to `entries` paths. */
  names: NameIndex;
  /** Paths written more than once. */
  duplicates: string[];
  /** Non-image entries and macOS metadata, by path. */
  ignored: string[];
  /** Entries over the size limit, by path. */
  refused: string[];
  /** How non-ASCII names were read: "CP437" if any was, else "UTF-8" if any was, else "ASCII". */
  nameEncoding: ZipNameEncoding;
  source: ImageSource;
}

/** JSZip keeps the size from the central directory but does not type it. */
function uncompressedSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data;
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : 0;
}

function isZipSignature(bytes: Uint8Array): boolean {
  // Local file header (PK\3\4) or, for an empty archive, end of central directory (PK\5\6).
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/** Reads images by the name a label row gives them (see nameIndex.ts for how names match). */
function zipSource(
  fileName: string,
  entries: Map<string, JSZip.JSZipObject>,
  names: NameIndex,
): ImageSource {
  const find = (name: string) => {
    const match = names.match(name);
    return match.kind === 'found' ? entries.get(match.path) : undefined;
  };
  return {
    has: (name) => find(name) !== undefined,
    async read(name) {
      const entry = find(name);
      if (!entry) throw new Error(`${name} is not in ${fileName}.`);
      const size = uncompressedSize(entry);
      if (size > MAX_ENTRY_BYTES) {
        throw new Error(
          `${name} is refused: ${(size / 1048576).toFixed(1)} MB is over the 20 MB limit.`,
        );
      }
      return entry.async('uint8array');
    },
  };
}

export async function indexZip(file: DatasetFile, onProgress: Progress): Promise<ZipIndex> {
  const bytes = await readBytes(file, onProgress);
  if (!isZipSignature(bytes)) {
    throw new Error(`${file.name} is not a zip archive: it does not start with the zip signature.`);
  }
  let zip: JSZip;
  const nameEncodings = new Set<ZipNameEncoding>();
  // Called only for names without the UTF-8 flag; flagged names JSZip decodes as UTF-8.
  const decodeFileName = (raw: string[] | Uint8Array | Buffer) => {
    const decoded = decodeZipName(
      raw instanceof Uint8Array ? raw : Uint8Array.from(raw, (c) => c.charCodeAt(0)),
      false,
    );
    nameEncodings.add(decoded.encoding);
    return decoded.name;
  };
  try {
    zip = await JSZip.loadAsync(bytes, { decodeFileName });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file.name} could not be read as a zip archive: ${why}`);
  }
  const all = Object.values(zip.files);
  const stage = `Indexing ${file.name}`;
  const entries = new Map<string, JSZip.JSZipObject>();
  const duplicates = new Set<string>();
  const ignored: string[] = [];
  const refused: string[] = [];
  onProgress(stage, 0, all.length);
  all.forEach((entry, i) => {
    if (i % 2000 === 0) onProgress(stage, i, all.length);
    if (entry.dir) return;
    const path = normalizeName(entry.name);
    const name = lastSegment(path);
    const macMetadata = path.split('/').includes('__MACOSX') || name.startsWith('._');
    if (macMetadata || !isImageName(name)) {
      ignored.push(entry.name);
      return;
    }
    if (uncompressedSize(entry) > MAX_ENTRY_BYTES) {
      refused.push(path);
      return;
    }
    if (entries.has(path)) {
      duplicates.add(path);
      return;
    }
    entries.set(path, entry);
  });
  onProgress(stage, all.length, all.length);
  const names = buildNameIndex(entries.keys());
  return {
    fileName: file.name,
    bytes: bytes.length,
    entries,
    names,
    duplicates: [...duplicates],
    ignored,
    refused,
    nameEncoding: nameEncodings.has('CP437')
      ? 'CP437'
      : nameEncodings.has('UTF-8') || [...entries.keys()].some((p) => /[^ -~]/.test(p))
        ? 'UTF-8'
        : 'ASCII',
    source: zipSource(file.name, entries, names),
  };
}
