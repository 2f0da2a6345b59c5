import { readRange } from './files.ts';
import type { HeadGroup } from './headerProbe.ts';
import { HEAD_BYTES } from './imageFormats.ts';
import { inflateHead } from './inflateHead.ts';
import { LOCAL_HEADER_LENGTH, localDataStart, type ZipEntryRef } from './zipEntry.ts';

/** Compressed bytes read to inflate an entry's first bytes: room for a dynamic block's code tables. */
const DEFLATED_HEAD = 1024;
/** Entries this close are read in one slice: reading the gap costs less than another read. */
const MAX_GAP = 64 * 1024;
/** The most one slice spans. */
export const MAX_SLICE = 1024 * 1024;

const dataNeeded = (ref: ZipEntryRef) =>
  Math.min(ref.method === 0 ? HEAD_BYTES : DEFLATED_HEAD, ref.compressedSize);

/** Where the bytes needed to probe `ref` end: its local header (name and extra field allowed for) and its first data. */
const windowEnd = (ref: ZipEntryRef) =>
  ref.offset + LOCAL_HEADER_LENGTH + 4 * ref.path.length + 64 + dataNeeded(ref);

function byOffset(
  entries: Iterable<readonly [string, ZipEntryRef]>,
): Iterable<readonly [string, ZipEntryRef]> {
  let last = -1;
  for (const [, ref] of entries) {
    if (ref.offset < last) return [...entries].sort(([, a], [, b]) => a.offset - b.offset);
    last = ref.offset;
  }
  return entries;
}

/**
 * Groups entries (in archive order) into slices of the archive: entries
 * that lie close together are read in one slice, so an archive of many small
 * images is read front to back in a few large reads.
 */
export function* zipSlices(
  entries: Iterable<readonly [string, ZipEntryRef]>,
): Generator<HeadGroup<ZipEntryRef>, void, undefined> {
  let group: (readonly [string, ZipEntryRef])[] = [];
  let start = 0;
  let end = 0;
  for (const entry of byOffset(entries)) {
    const [, ref] = entry;
    const close = ref.offset - end <= MAX_GAP && windowEnd(ref) - start <= MAX_SLICE;
    if (group.length > 0 && !close) {
      yield group;
      group = [];
    }
    if (group.length === 0) start = ref.offset;
    group.push(entry);
    end = Math.max(end, windowEnd(ref));
  }
  if (group.length > 0) yield group;
}

/** Reads `length` bytes of the archive at `offset`; they may be overwritten at the next read. */
export type WindowReader = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * Whether reading the archive front to back reads little more than the
 * slices do: most of its span is in them (an archive of small images).
 */
export function slicesCoverArchive(entries: Iterable<readonly [string, ZipEntryRef]>): boolean {
  let covered = 0;
  let first = -1;
  let last = 0;
  for (const group of zipSlices(entries)) {
    const start = group.reduce((n, [, ref]) => Math.min(n, ref.offset), Number.POSITIVE_INFINITY);
    const end = group.reduce((n, [, ref]) => Math.max(n, windowEnd(ref)), 0);
    if (first < 0) first = start;
    covered += end - start;
    last = Math.max(last, end);
  }
  return first >= 0 && covered * 2 >= last - first;
}

/** Decodes an entry's first bytes (a copy) from its first data; null when its method is not read. */
function decodeHead(ref: ZipEntryRef, data: Uint8Array): Uint8Array | null {
  if (ref.method === 0) return data.slice();
  if (ref.method !== 8) return null;
  try {
    return inflateHead(data, HEAD_BYTES);
  } catch {
    return null;
  }
}

/**
 * An entry's first data from a slice of the archive that begins at `start`:
 * null when no local header is where the directory says (reading the entry
 * reports that), a number (where the data begins) when the slice ends first.
 */
function dataOf(slice: Uint8Array, start: number, ref: ZipEntryRef): Uint8Array | number | null {
  const from = localDataStart(slice, ref.offset - start);
  if (from === null) return null;
  const need = dataNeeded(ref);
  return from + need <= slice.length ? slice.subarray(from, from + need) : start + from;
}

/** The most bytes one read of `readZipHeads` asks for. */
export const MAX_WINDOW = MAX_SLICE + LOCAL_HEADER_LENGTH + 4 * 0xffff + 64 + DEFLATED_HEAD;

/** Reads the first bytes of a slice's entries (sorted by offset) with one read of the archive. */
export async function readZipHeads(
  archive: Blob,
  refs: readonly ZipEntryRef[],
  read: WindowReader = (offset, length) => readRange(archive, offset, length),
): Promise<(Uint8Array | null)[]> {
  const [first] = refs;
  if (!first) return [];
  let end = 0;
  for (const ref of refs) end = Math.max(end, windowEnd(ref));
  const slice = await read(first.offset, end - first.offset);
  const heads: (Uint8Array | null)[] = [];
  for (const ref of refs) {
    const data = dataOf(slice, first.offset, ref);
    // A local header with a longer extra field than allowed for: its data is read on its own.
    const bytes = typeof data === 'number' ? await readRange(archive, data, dataNeeded(ref)) : data;
    heads.push(bytes && decodeHead(ref, bytes));
  }
  return heads;
}
