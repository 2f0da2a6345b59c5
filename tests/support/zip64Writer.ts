import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * A streaming zip writer for big test archives: entries are stored (not
 * deflated) and written to disk as they come, so a multi-gigabyte archive
 * never sits in the test's memory. The archive always ends with a Zip64 end
 * of central directory, as real archives of CelebA's size do, and entries
 * whose offset passes 4 GiB carry a Zip64 extra field.
 */

const UTF8_FLAG = 0x0800;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

interface CentralRecord {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
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
    const name = Buffer.from(path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    this.records.push({ name, crc, size: data.length, offset: this.offset });
    this.write(local);
    this.write(name);
    this.write(data);
  }

  private centralRecord(record: CentralRecord): Buffer {
    const zip64 = record.offset >= MAX_32;
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(45, 4);
    head.writeUInt16LE(45, 6);
    head.writeUInt16LE(UTF8_FLAG, 8);
    head.writeUInt16LE(0, 10);
    head.writeUInt32LE(record.crc, 16);
    head.writeUInt32LE(record.size, 20);
    head.writeUInt32LE(record.size, 24);
    head.writeUInt16LE(record.name.length, 28);
    head.writeUInt16LE(zip64 ? 12 : 0, 30);
    head.writeUInt32LE(zip64 ? MAX_32 : record.offset, 42);
    if (!zip64) return Buffer.concat([head, record.name]);
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(record.offset), 4);
    return Buffer.concat([head, record.name, extra]);
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

    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeUInt16LE(45, 12);
    zip64End.writeUInt16LE(45, 14);
    zip64End.writeBigUInt64LE(BigInt(count), 24);
    zip64End.writeBigUInt64LE(BigInt(count), 32);
    zip64End.writeBigUInt64LE(BigInt(directorySize), 40);
    zip64End.writeBigUInt64LE(BigInt(directoryStart), 48);
    const zip64EndOffset = this.offset;
    this.write(zip64End);

    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
    locator.writeUInt32LE(1, 16);
    this.write(locator);

    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX_16), 8);
    end.writeUInt16LE(Math.min(count, MAX_16), 10);
    end.writeUInt32LE(Math.min(directorySize, MAX_32), 12);
    end.writeUInt32LE(Math.min(directoryStart, MAX_32), 16);
    this.write(end);
    closeSync(this.fd);
    this.records.length = 0;
    return this.offset;
  }
}
