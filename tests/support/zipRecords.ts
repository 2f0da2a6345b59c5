/**
 * The byte layouts of a zip's records (PKWARE APPNOTE 4.3), shared by the test
 * zip writers: the in-memory one for small, possibly broken archives and the
 * streaming one for archives of gigabytes.
 */

export const UTF8_FLAG = 0x0800;
export const MAX_16 = 0xffff;
export const MAX_32 = 0xffffffff;

export interface RecordFields {
  name: Buffer;
  /** 20 for plain archives, 45 where Zip64 records may appear. */
  version: number;
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/**
 * The fields both headers hold in the same order, from "version needed" to the
 * name's length, written at `at` (4 in a local header, 6 in a central one).
 * Time and date stay zero.
 */
function writeEntryFields(header: Buffer, at: number, f: RecordFields): void {
  header.writeUInt16LE(f.version, at);
  header.writeUInt16LE(f.flags, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressedSize, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.name.length, at + 22);
}

/** The 30-byte local file header that precedes an entry's name and data. */
export function localHeader(f: RecordFields): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(local, 4, f);
  return local;
}

/** The 46-byte central directory header (the name and extra field follow it). */
export function centralHeader(f: RecordFields, offset: number, extraLength = 0): Buffer {
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  // "Version made by", then the fields the local header holds too.
  central.writeUInt16LE(f.version, 4);
  writeEntryFields(central, 6, f);
  central.writeUInt16LE(extraLength, 30);
  central.writeUInt32LE(Math.min(offset, MAX_32), 42);
  return central;
}

/** Zip64 end record and its locator: the only way to hold more than 65,535 entries. */
export function zip64EndRecords(
  count: number,
  directoryBytes: number,
  directoryOffset: number,
): [Buffer, Buffer] {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // size of the rest of this record
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directoryBytes), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directoryBytes), 8);
  locator.writeUInt32LE(1, 16);
  return [record, locator];
}

/** The classic end of central directory record, its fields capped as Zip64 archives cap them. */
export function endRecord(count: number, directoryBytes: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, MAX_16), 8);
  end.writeUInt16LE(Math.min(count, MAX_16), 10);
  end.writeUInt32LE(Math.min(directoryBytes, MAX_32), 12);
  end.writeUInt32LE(Math.min(directoryOffset, MAX_32), 16);
  return end;
}
