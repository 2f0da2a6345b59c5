import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import { CELEBA_ATTRIBUTES } from '../../src/core/sample/attributes.ts';
import { DEFAULT_AUGMENT, DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import type { DatasetCommand } from '../../src/protocol/dataset.ts';

/** A small solid-colour JPEG. */
export function tinyJpeg(width = 8, height = 8, rgb: [number, number, number] = [200, 80, 40]) {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

export async function makeZip(entries: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, bytes] of Object.entries(entries)) zip.file(path, bytes);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

export const file = (name: string, content: Uint8Array | string) =>
  new File([content as BlobPart], name);

/** A load of a lone label file with no images: the worker must answer it with `failed`. */
export const labelsOnlyLoad = (): Extract<DatasetCommand, { type: 'load' }> => ({
  scope: 'dataset',
  type: 'load',
  files: [file('labels.csv', 'image_id,Male\n')],
  paths: [''],
  options: DEFAULT_SPLIT_OPTIONS,
  augment: DEFAULT_AUGMENT,
});

export const imageName = (i: number) => `${String(i).padStart(6, '0')}.jpg`;

/** Kaggle's list_attr_celeba.csv for images 1..n; `male(i)` gives the Male column. */
export function kaggleCsv(n: number, male: (i: number) => boolean): string {
  const lines = [`image_id,${CELEBA_ATTRIBUTES.join(',')}`];
  for (let i = 1; i <= n; i++) {
    const values = CELEBA_ATTRIBUTES.map((a) => (a === 'Male' ? (male(i) ? '1' : '-1') : '-1'));
    lines.push(`${imageName(i)},${values.join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A zip holding images 1..n (the same tiny JPEG) under `folder`. */
export async function imagesZip(n: number, folder = 'img_align_celeba/img_align_celeba/') {
  const bytes = tinyJpeg();
  const entries: Record<string, Uint8Array> = {};
  for (let i = 1; i <= n; i++) entries[`${folder}${imageName(i)}`] = bytes;
  return makeZip(entries);
}

/** Images 1..n in a zip and their Kaggle attribute CSV, as dropped files. */
export async function labelledImages(
  n: number,
  male: (i: number) => boolean,
  zipName = 'z.zip',
  csvName = 'l.csv',
): Promise<File[]> {
  return [file(zipName, await imagesZip(n)), file(csvName, kaggleCsv(n, male))];
}

export const noProgress = () => {};
