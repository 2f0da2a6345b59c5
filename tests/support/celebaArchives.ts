import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { CELEBA_ATTRIBUTES } from '../../src/core/sample/attributes.ts';
import { Zip64FileWriter } from './zip64Writer.ts';

/**
 * Full-size stand-ins for CelebA's files, generated once per machine into the
 * temp folder (keyed by a version, so a change here regenerates them) and
 * shared by every test that needs them. Written by streaming: a 2 GB archive
 * never sits in the test's memory.
 */
const VERSION = 'v1';
const ROOT = join(tmpdir(), `celeba-studio-archives-${VERSION}`);

/** CelebA's image count and official partition: rows 1–162770 train, to 182637 validation, the rest test. */
export const CELEBA_COUNT = 202_599;
export const CELEBA_SPLITS = {
  train: 162_770,
  validation: 182_637 - 162_770,
  test: 202_599 - 182_637,
};

export const imageName = (i: number) => `${String(i).padStart(6, '0')}.jpg`;

/** Whether image `i` is male in the generated attributes: a fixed pattern, about 40 %. */
export const isMale = (i: number) => (i * 7) % 10 < 4;

function jpegOf(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const shade = (p % width) / width;
    data.set([rgb[0] * shade, rgb[1], rgb[2] * (1 - shade), 255], p * 4);
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

/** Pads a JPEG to `size` bytes with comment segments after its start marker; it decodes the same. */
function padJpeg(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, 2));
  let at = 2;
  let missing = size - bytes.length;
  while (missing > 0) {
    const body = Math.min(65_533, Math.max(0, missing - 4));
    out.set([0xff, 0xfe, (body + 2) >> 8, (body + 2) & 0xff], at);
    for (let k = 0; k < body; k++) out[at + 4 + k] = 0x20 + (k % 90);
    at += 4 + body;
    missing -= 4 + body;
  }
  out.set(bytes.subarray(2), at);
  return out;
}

/** `list_attr_celeba.txt` as CelebA writes it: count, header of 40 attributes, space-aligned rows. */
function attributeLines(names: readonly number[]): string {
  const male = CELEBA_ATTRIBUTES.indexOf('Male');
  const lines = [String(names.length), CELEBA_ATTRIBUTES.join(' ')];
  for (const i of names) {
    const values = CELEBA_ATTRIBUTES.map((_, a) =>
      (a === male ? isMale(i) : (i + a) % 3 === 0) ? '  1' : ' -1',
    );
    lines.push(`${imageName(i)}${values.join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

function partitionLines(count: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    const split =
      i <= CELEBA_SPLITS.train ? 0 : i <= CELEBA_SPLITS.train + CELEBA_SPLITS.validation ? 1 : 2;
    lines.push(`${imageName(i)} ${split}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `path` through `write(partialPath)` unless a finished copy is there already. */
function once(path: string, write: (partial: string) => void): string {
  if (existsSync(path)) return path;
  mkdirSync(ROOT, { recursive: true });
  const partial = `${path}.partial`;
  write(partial);
  renameSync(partial, path);
  return path;
}

export interface ArchiveFiles {
  zip: string;
  attributes: string;
  partition?: string;
}

/**
 * CelebA's layout at full size: 202,599 small JPEGs (stored, so the
 * directory needs Zip64 records), the attribute and partition lists.
 */
export function officialLayout(): ArchiveFiles {
  const dir = join(ROOT, 'official');
  mkdirSync(dir, { recursive: true });
  const zip = once(join(dir, 'img_align_celeba.zip'), (partial) => {
    const writer = new Zip64FileWriter(partial);
    const faces = [jpegOf(8, 8, [200, 120, 90]), jpegOf(8, 8, [90, 120, 200])];
    const crcs = faces.map((f) => crc32(f));
    for (let i = 1; i <= CELEBA_COUNT; i++) {
      writer.add(`img_align_celeba/${imageName(i)}`, faces[i % 2] as Uint8Array, crcs[i % 2]);
    }
    writer.close();
  });
  const all = Array.from({ length: CELEBA_COUNT }, (_, k) => k + 1);
  const attributes = once(join(dir, 'list_attr_celeba.txt'), (p) =>
    writeFileSync(p, attributeLines(all)),
  );
  const partition = once(join(dir, 'list_eval_partition.txt'), (p) =>
    writeFileSync(p, partitionLines(CELEBA_COUNT)),
  );
  return { zip, attributes, partition };
}

/** Images in the over-2 GB archive, and their size: CelebA-HQ's count, 75 kB each. */
export const LARGE_COUNT = 30_000;
export const LARGE_ENTRY_BYTES = 75_000;

/**
 * An archive over 2 GB: 30,000 real 178×218 JPEGs padded to 75 kB. Its
 * label file lists the images last to first, so the first rows (what a
 * small "Limit images" keeps) lie past the 2 GB mark.
 */
export function largeArchive(): ArchiveFiles {
  const dir = join(ROOT, 'large');
  mkdirSync(dir, { recursive: true });
  const zip = once(join(dir, 'CelebA-HQ-img.zip'), (partial) => {
    const writer = new Zip64FileWriter(partial);
    const faces = [jpegOf(178, 218, [220, 150, 120]), jpegOf(178, 218, [60, 90, 200])].map((f) =>
      padJpeg(f, LARGE_ENTRY_BYTES),
    );
    const crcs = faces.map((f) => crc32(f));
    for (let i = 1; i <= LARGE_COUNT; i++) {
      const k = isMale(i) ? 1 : 0;
      writer.add(`CelebA-HQ-img/${imageName(i)}`, faces[k] as Uint8Array, crcs[k]);
    }
    writer.close();
  });
  const descending = Array.from({ length: LARGE_COUNT }, (_, k) => LARGE_COUNT - k);
  const attributes = once(join(dir, 'list_attr_celeba.txt'), (p) =>
    writeFileSync(p, attributeLines(descending)),
  );
  return { zip, attributes };
}
