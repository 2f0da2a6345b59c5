import { readRange } from './files.ts';
import { MAX_ENTRY_BYTES } from './imageLimits.ts';

/** What the central directory says about one entry: enough to read it again. */
export interface ZipEntryRef {
  path: string;
  /** Offset of the entry's local header in the archive. */
  offset: number;
  compressedSize: number;
  size: number;
  /** 0 stored, 8 deflated; others are refused when read. */
  method: number;
}

/**
 * Where each kept entry of a zip lies, by slot, in typed arrays: 26 bytes
 * an entry, where an object per entry of CelebA's 202,599 would cost
 * several times that.
 */
export class ZipEntryTable {
  private offsets = new Float64Array(1024);
  private compressedSizes = new Float64Array(1024);
  private sizes = new Float64Array(1024);
  private methods = new Uint16Array(1024);
  private count = 0;

  /** Records the entry of slot `this.length` (slots come in order). */
  push(offset: number, compressedSize: number, size: number, method: number): void {
    if (this.count === this.offsets.length) this.resize(this.count * 2);
    const slot = this.count++;
    this.offsets[slot] = offset;
    this.compressedSizes[slot] = compressedSize;
    this.sizes[slot] = size;
    this.methods[slot] = method;
  }

  get length(): number {
    return this.count;
  }

  /** Trims the tables to the entries recorded. */
  seal(): this {
    this.resize(this.count);
    return this;
  }

  private resize(capacity: number): void {
    const grown = <T extends Float64Array | Uint16Array>(from: T, to: T): T => {
      to.set(from.subarray(0, Math.min(this.count, capacity)));
      return to;
    };
    this.offsets = grown(this.offsets, new Float64Array(capacity));
    this.compressedSizes = grown(this.compressedSizes, new Float64Array(capacity));
    this.sizes = grown(this.sizes, new Float64Array(capacity));
    this.methods = grown(this.methods, new Uint16Array(capacity));
  }

  /** Each path of `slots` with its entry, made as it is met; iterable again and again. */
  refs(slots: ReadonlyMap<string, number>): Iterable<readonly [string, ZipEntryRef]> {
    const table = this;
    return {
      *[Symbol.iterator]() {
        for (const [path, slot] of slots) yield [path, table.ref(slot, path)] as const;
      },
    };
  }

  ref(slot: number, path: string): ZipEntryRef {
    return {
      path,
      offset: this.offsets[slot] ?? 0,
      compressedSize: this.compressedSizes[slot] ?? 0,
      size: this.sizes[slot] ?? 0,
      method: this.methods[slot] ?? 0,
    };
  }
}

const LOCAL_HEADER = 0x04034b50;
export const LOCAL_HEADER_LENGTH = 30;

/**
 * Where an entry's data begins in `bytes`, from its local header at `at`
 * (whose name and extra field lengths may differ from the central
 * directory's); null when no local header is there.
 */
export function localDataStart(bytes: Uint8Array, at: number): number | null {
  if (at + LOCAL_HEADER_LENGTH > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, LOCAL_HEADER_LENGTH);
  if (view.getUint32(0, true) !== LOCAL_HEADER) return null;
  return at + LOCAL_HEADER_LENGTH + view.getUint16(26, true) + view.getUint16(28, true);
}

function tooLarge(name: string, bytes: number): Error {
  return new Error(
    `${name} is refused: ${(bytes / 1048576).toFixed(1)} MB is over the 20 MB limit.`,
  );
}

/** Inflates raw deflate data, refusing it as soon as it passes `limit` bytes. */
async function inflate(data: Blob, limit: number, onOver: () => Error): Promise<Uint8Array> {
  const reader = data.stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw onOver();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Reads one entry by random access: its local header (whose name and extra
 * field lengths may differ from the central directory's), then its data.
 * An entry over 20 MB, or one that inflates past the size it declares, is
 * refused before its bytes pile up.
 */
export async function readZipEntry(
  archive: Blob,
  archiveName: string,
  entry: ZipEntryRef,
): Promise<Uint8Array> {
  const name = entry.path;
  if (entry.size > MAX_ENTRY_BYTES) throw tooLarge(name, entry.size);
  const header = await readRange(archive, entry.offset, LOCAL_HEADER_LENGTH);
  const headerEnd = localDataStart(header, 0);
  if (headerEnd === null) {
    throw new Error(
      `${name} could not be read: ${archiveName} has no entry header where its directory says.`,
    );
  }
  const start = entry.offset + headerEnd;
  const data = archive.slice(start, start + entry.compressedSize);
  if (data.size < entry.compressedSize) {
    throw new Error(
      `${name} could not be read: ${archiveName} ends inside it (a broken download?).`,
    );
  }
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      throw new Error(`${name} is refused: its stored size and its size disagree.`);
    }
    return new Uint8Array(await data.arrayBuffer());
  }
  if (entry.method !== 8) {
    throw new Error(
      `${name} uses zip compression method ${entry.method}; only stored and deflated entries can be read.`,
    );
  }
  const limit = Math.min(entry.size, MAX_ENTRY_BYTES);
  const bytes = await inflate(data, limit, () =>
    limit < MAX_ENTRY_BYTES
      ? new Error(
          `${name} is refused: it inflates past the ${entry.size} bytes its zip entry declares.`,
        )
      : tooLarge(name, entry.size),
  );
  if (bytes.length !== entry.size) {
    throw new Error(
      `${name} is refused: it inflates to ${bytes.length} bytes, not the ${entry.size} its zip entry declares.`,
    );
  }
  return bytes;
}
