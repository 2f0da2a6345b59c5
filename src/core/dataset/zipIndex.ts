import {
  BlobReader,
  configure,
  type EntryMetaData,
  ZipReader,
} from '@zip.js/zip.js/lib/zip-core-native.js';
import { type DatasetFile, makeYielder, type Progress, readRange } from './files.ts';
import { ImageCollector, type ImageIndex } from './imageIndex.ts';
import { readZipEntry, type ZipEntryRef } from './zipEntry.ts';
import { decodeCp437, type ZipNameEncoding } from './zipNames.ts';

export type ZipIndex = ImageIndex;

// Only the central directory is read through the library; entries are read
// by offset (zipEntry.ts), so no codec workers are ever needed.
configure({ useWebWorkers: false });

/** Progress is reported every this many entries. */
const PROGRESS_EVERY = 2000;

function isZipSignature(bytes: Uint8Array): boolean {
  // Local file header (PK\3\4) or, for an empty archive, end of central directory (PK\5\6).
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

const ascii = new TextDecoder('utf-8');

/**
 * Decodes entry names: plain ASCII (nearly all) directly; others by the
 * library's rule (UTF-8 when flagged or valid as UTF-8, CP437 otherwise),
 * noting which encoding was used so the summary can say.
 */
function nameDecoder(encodings: Set<ZipNameEncoding>) {
  return (bytes: Uint8Array, encoding: string, type: 'filename' | 'comment') => {
    if (bytes.every((b) => b < 0x80)) return ascii.decode(bytes);
    if (type === 'comment') return undefined;
    if (encoding.toLowerCase() === 'cp437') {
      encodings.add('CP437');
      return decodeCp437(bytes);
    }
    encodings.add('UTF-8');
    return undefined;
  };
}

/** Keeps only what reading the entry again needs: the library's entry object is ~5 kB. */
function entryRef(entry: EntryMetaData & { compressionMethod?: number }): ZipEntryRef {
  return {
    path: entry.filename,
    offset: entry.offset,
    compressedSize: entry.compressedSize,
    size: entry.uncompressedSize,
    method: entry.compressionMethod ?? 0,
  };
}

/**
 * Indexes a zip by random access: the central directory is read from the
 * end of the file (Zip64 included) and each entry is read on demand later,
 * so the archive is never in memory, whatever its size.
 */
export async function indexZip(
  file: DatasetFile,
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<ZipIndex> {
  if (!isZipSignature(await readRange(file, 0, 4))) {
    throw new Error(`${file.name} is not a zip archive: it does not start with the zip signature.`);
  }
  const stage = `Indexing ${file.name}`;
  const collector = new ImageCollector<ZipEntryRef>();
  const pause = makeYielder();
  const reader = new ZipReader(new BlobReader(file));
  let count = 0;
  let total = 0;
  onProgress(stage, 0, 0);
  try {
    const entries = reader.getEntriesGenerator({
      decodeText: nameDecoder(collector.encodings),
      onprogress: async (_index: number, entriesTotal: number) => {
        total = entriesTotal;
      },
    });
    for await (const entry of entries) {
      count += 1;
      if (!entry.directory) collector.add(entryRef(entry));
      if (count % PROGRESS_EVERY === 0) {
        onProgress(stage, count, total);
        await pause(signal);
      }
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${file.name} could not be read as a zip archive: ${why}`);
  }
  signal?.throwIfAborted();
  onProgress(stage, count, count);
  return collector.finish(file.name, 'zip', file.size, (ref) => readZipEntry(file, file.name, ref));
}
