import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import {
  centralHeader,
  endRecord,
  localHeader,
  MAX_32,
  type RecordFields,
  UTF8_FLAG,
  zip64EndRecords,
} from './zipRecords.ts';

/**
 * A streaming zip writer for big test archives: entries are stored (not
 * deflated) and written to disk as they come, so a multi-gigabyte archive
 * never sits in the test's memory. The archive always ends with a Zip64 end
 * of central directory, as real archives of CelebA's size do, and entries
 * whose offset passes 4 GiB carry a Zip64 extra field.
 */

/** One entry's header fields and where its local header starts. */
interface CentralRecord {
  fields: RecordFields;
  offset: number;
}

/** A stored entry's fields, in a Zip64-capable archive. */
function storedFields(name: Buffer, crc: number, size: number): RecordFields {
  return { name, version: 45, flags: UTF8_FLAG, method: 0, crc, compressedSize: size, size };
}

export class Zip64FileWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly records: CentralRecord[] = [];

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  private write(bytes: Uint8Array): void {
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.offset + written);
    }
    this.offset += bytes.length;
  }

  /** Leaves a hole of `bytes` (sparse on disk), so offsets past 4 GiB cost no disk space. */
  skip(bytes: number): void {
    this.offset += bytes;
  }

  /** Adds one stored entry; `crc` may be given when the same bytes are written many times. */
  add(path: string, data: Uint8Array, crc = crc32(data)): void {
    const fields = storedFields(Buffer.from(path, 'utf8'), crc, data.length);
    this.records.push({ fields, offset: this.offset });
    this.write(localHeader(fields));
    this.write(fields.name);
    this.write(data);
  }

  private centralRecord({ fields, offset }: CentralRecord): Buffer {
    if (offset < MAX_32) return Buffer.concat([centralHeader(fields, offset), fields.name]);
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(offset), 4);
    return Buffer.concat([centralHeader(fields, offset, extra.length), fields.name, extra]);
  }

  /** Writes the central directory and both end records, and closes the file; returns its size. */
  close(): number {
    const directoryStart = this.offset;
    const chunk: Buffer[] = [];
    let chunkBytes = 0;
    for (const record of this.records) {
      const bytes = this.centralRecord(record);
      chunk.push(bytes);
      chunkBytes += bytes.length;
      if (chunkBytes > 1 << 20) {
        this.write(Buffer.concat(chunk));
        chunk.length = 0;
        chunkBytes = 0;
      }
    }
    this.write(Buffer.concat(chunk));
    const directorySize = this.offset - directoryStart;
    const count = this.records.length;

    for (const record of zip64EndRecords(count, directorySize, directoryStart)) this.write(record);
    this.write(endRecord(count, directorySize, directoryStart));
    closeSync(this.fd);
    this.records.length = 0;
    return this.offset;
  }
}
