import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { CELEBA_ATTRIBUTES } from '../../src/core/sample/attributes.ts';
import { Zip64FileWriter } from './zip64Writer.ts';

/** img_align_celeba.zip's image count. */
export const CELEBA_IMAGES = 202_599;
export const FULL_ZIP_NAME = 'img_align_celeba.zip';
export const FULL_CSV_NAME = 'list_attr_celeba.csv';

const imageName = (i: number) => `${String(i).padStart(6, '0')}.jpg`;
/** Every fifth-and-second image is a man: about CelebA's 42 % male share. */
export const isMale = (i: number) => i % 5 < 2;

/** A 4 × 4 grey JPEG: the decoder reads it, and 202,599 copies stay near 140 MB. */
function tinyJpeg(): Uint8Array {
  const data = new Uint8Array(4 * 4 * 4).fill(128);
  return new Uint8Array(jpeg.encode({ data, width: 4, height: 4 }, 50).data);
}

/**
 * The full-size CelebA layout (202,599 images in the nested folder, Kaggle's
 * 41-column attribute CSV, no partition file), written once per machine to
 * the temp folder and reused by later runs: generating it takes seconds.
 */
export function fullCeleba(): { zip: string; csv: string } {
  const dir = join(tmpdir(), 'celeba-studio-e2e-full');
  const zip = join(dir, FULL_ZIP_NAME);
  const csv = join(dir, FULL_CSV_NAME);
  if (existsSync(zip) && existsSync(csv) && statSync(csv).size > 0) return { zip, csv };
  mkdirSync(dir, { recursive: true });
  const image = tinyJpeg();
  const crc = crc32(image);
  // Written under a private name and renamed, so a run that stops halfway leaves nothing reused.
  const partial = `${zip}.${process.pid}.partial`;
  const writer = new Zip64FileWriter(partial);
  for (let i = 1; i <= CELEBA_IMAGES; i++) {
    writer.add(`img_align_celeba/img_align_celeba/${imageName(i)}`, image, crc);
  }
  writer.close();
  const lines = [`image_id,${CELEBA_ATTRIBUTES.join(',')}`];
  for (let i = 1; i <= CELEBA_IMAGES; i++) {
    const values = CELEBA_ATTRIBUTES.map((a) => (a === 'Male' && isMale(i) ? '1' : '-1'));
    lines.push(`${imageName(i)},${values.join(',')}`);
  }
  writeFileSync(`${csv}.${process.pid}.partial`, `${lines.join('\n')}\n`);
  renameSync(partial, zip);
  renameSync(`${csv}.${process.pid}.partial`, csv);
  return { zip, csv };
}
