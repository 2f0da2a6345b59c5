import {
  BlobReader,
  configure,
  type EntryMetaData,
  ZipReader,
} from '@zip.js/zip.js/lib/zip-core-native.js';
import { type DatasetFile, makeYielder, type Progress, readRange } from './files.ts';
import { probeHeads } from './headerProbe.ts';
import { ImageCollector, type ImageIndex } from './imageIndex.ts';
import { SequentialReader } from './sequentialReader.ts';
import { asciiText } from './textEncoding.ts';
import { type ZipEntryRef, ZipEntryTable } from './zipEntry.ts';
import { MAX_WINDOW, readZipHeads, slicesCoverArchive, zipSlices } from './zipHeads.ts';
import { decodeCp437, type ZipNameEncoding } from './zipNames.ts';

export type ZipIndex = ImageIndex;

/** A zip's index, with where each kept entry lies (the header check reads by it). */
export type ZipArchiveIndex = ImageIndex & { refs: Iterable<readonly [string, ZipEntryRef]> };

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

/**
 * Decodes entry names: plain ASCII (nearly all) directly; others by the
 * library's rule (UTF-8 when flagged or valid as UTF-8, CP437 otherwise),
 * noting which encoding was used so the summary can say.
 */
function nameDecoder(encodings: Set<ZipNameEncoding>) {
  return (bytes: Uint8Array, encoding: string, type: 'filename' | 'comment') => {
    const ascii = asciiText(bytes);
    if (ascii !== null) return ascii;
    if (type === 'comment') return undefined;
    if (encoding.toLowerCase() === 'cp437') {
      encodings.add('CP437');
      return decodeCp437(bytes);
    }
    encodings.add('UTF-8');
    return undefined;
  };
}

/** The entry's compression method (0 stored, 8 deflated), which the library's types leave out. */
function methodOf(entry: EntryMetaData): number {
  return (entry as EntryMetaData & { compressionMethod?: number }).compressionMethod ?? 0;
}

/**
 * The entry count the archive's end records declare, for progress only (the
 * library reads the directory itself): 0 when the end record is not the
 * last 22 bytes (an archive comment) or is unreadable. The library's own
 * count comes with a progress callback that copies every entry once more.
 */
async function declaredEntries(file: Blob): Promise<number> {
  const end = await readRange(file, Math.max(0, file.size - 22), 22);
  const view = new DataView(end.buffer, end.byteOffset, end.byteLength);
  if (end.length < 22 || view.getUint32(0, true) !== 0x06054b50) return 0;
  const count = view.getUint16(10, true);
  if (count !== 0xffff || file.size < 42) return count;
  const locator = await readRange(file, file.size - 42, 20);
  const at = new DataView(locator.buffer, locator.byteOffset, locator.byteLength);
  if (at.getUint32(0, true) !== 0x07064b50) return 0;
  const record = await readRange(file, Number(at.getBigUint64(8, true)), 56);
  const zip64 = new DataView(record.buffer, record.byteOffset, record.byteLength);
  if (record.length < 56 || zip64.getUint32(0, true) !== 0x06064b50) return 0;
  return Number(zip64.getBigUint64(32, true));
}

/**
 * Indexes a zip by random access: the central directory is read from the
 * end of the file (Zip64 included) and each entry is read on demand later,
 * so the archive is never in memory, whatever its size. Each image's first
 * bytes are checked, so entries the decoder cannot read are never counted.
 */
export async function indexZip(
  file: DatasetFile,
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<ZipArchiveIndex> {
  if (!isZipSignature(await readRange(file, 0, 4))) {
    throw new Error(`${file.name} is not a zip archive: it does not start with the zip signature.`);
  }
  const stage = `Indexing ${file.name}`;
  const collector = new ImageCollector();
  // Only what reading an entry again needs: the library's entry object is ~5 kB.
  const table = new ZipEntryTable();
  const pause = makeYielder();
  const reader = new ZipReader(new BlobReader(file));
  let count = 0;
  const total = await declaredEntries(file);
  onProgress(stage, 0, total);
  try {
    const entries = reader.getEntriesGenerator({ decodeText: nameDecoder(collector.encodings) });
    for await (const entry of entries) {
      count += 1;
      const slot = entry.directory ? -1 : collector.add(entry.filename, entry.uncompressedSize);
      if (slot >= 0) {
        const { offset, compressedSize, uncompressedSize } = entry;
        table.push(offset, compressedSize, uncompressedSize, methodOf(entry));
      }
      if (count % PROGRESS_EVERY === 0) {
        onProgress(stage, count, Math.max(total, count));
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
  table.seal();
  const refs = table.refs(collector.entries);
  // An archive of small images is read front to back into one buffer; one of large images by slices.
  const front = slicesCoverArchive(refs) ? new SequentialReader(file, MAX_WINDOW) : null;
  try {
    await probeHeads(
      zipSlices(refs),
      (refs) => readZipHeads(file, refs, front ? (at, n) => front.window(at, n) : undefined),
      (path, why) => collector.exclude(path, why),
      {
        stage: `Checking image headers in ${file.name}`,
        total: collector.entries.size,
        onProgress,
        lanes: front ? 1 : undefined,
      },
      signal,
    );
  } finally {
    front?.close();
  }
  const index = collector.finish(file.name, 'zip', file.size, (slot, path) => ({
    kind: 'zip',
    archive: file,
    archiveName: file.name,
    entry: table.ref(slot, path),
  }));
  return { ...index, refs };
}
