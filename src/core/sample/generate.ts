import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import { splitTotals } from '../dataset/split.ts';
import { seededRandom } from '../random.ts';
import { CELEBA_ATTRIBUTES } from './attributes.ts';
import { drawFace, FACE_HEIGHT, FACE_WIDTH } from './face.ts';

export interface SampleOptions {
  count: number;
  seed?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** JPEG encoder for RGBA pixels; jpeg-js unless a platform offers a faster one. */
  encode?: (rgba: Uint8Array, width: number, height: number) => Promise<Uint8Array>;
}

/** The files of a synthetic dataset, named as CelebA names its own. */
export interface SampleFiles {
  zip: Uint8Array;
  attributesCsv: string;
  partitionCsv: string;
  /** How many images are of class 1 ("male"). */
  males: number;
}

export const SAMPLE_ZIP_NAME = 'img_align_celeba.zip';
export const SAMPLE_ATTRIBUTES_NAME = 'list_attr_celeba.csv';
export const SAMPLE_PARTITION_NAME = 'list_eval_partition.csv';
/** Kaggle's archive nests the folder in itself; the loader must match by basename. */
export const SAMPLE_FOLDER = 'img_align_celeba/img_align_celeba/';
/** The official partition's proportions (train, validation, test), given by image order. */
export const SAMPLE_PARTITION = { train: 0.8, validation: 0.1, test: 0.1 };

/** The sample as the three files a person would drop: the zip, the attributes and the partition. */
export function sampleAsFiles(sample: SampleFiles): File[] {
  return [
    new File([sample.zip as Uint8Array<ArrayBuffer>], SAMPLE_ZIP_NAME),
    new File([sample.attributesCsv], SAMPLE_ATTRIBUTES_NAME),
    new File([sample.partitionCsv], SAMPLE_PARTITION_NAME),
  ];
}

export const sampleImageName = (index: number) => `${String(index + 1).padStart(6, '0')}.jpg`;

const jpegJsEncode = async (rgba: Uint8Array, width: number, height: number) =>
  new Uint8Array(jpeg.encode({ data: rgba, width, height }, 90).data);

/** Which class each image has; cheap, so tests and the generator agree without drawing. */
export function sampleLabels(count: number, seed: number): boolean[] {
  const random = seededRandom(seed ^ 0x5eed);
  return Array.from({ length: count }, () => random() < 0.45);
}

/**
 * A synthetic dataset in CelebA's real layout: a zip of 178×218 JPEGs in a
 * nested folder, Kaggle's attribute CSV (image_id and the 40 attributes in
 * -1/1; `Male` is the class) and the partition CSV.
 */
export async function generateSample({
  count,
  seed = 1,
  onProgress = () => {},
  encode = jpegJsEncode,
}: SampleOptions): Promise<SampleFiles> {
  if (!Number.isInteger(count) || count < 3) {
    throw new Error(`A sample needs at least 3 images (one per split); asked for ${count}.`);
  }
  const labels = sampleLabels(count, seed);
  const random = seededRandom(seed);
  const zip = new JSZip();
  const folder = zip.folder(SAMPLE_FOLDER.slice(0, -1)) as JSZip;
  const rows: string[] = [`image_id,${CELEBA_ATTRIBUTES.join(',')}`];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) onProgress('Drawing demo faces', i, count);
    const male = labels[i] === true;
    const name = sampleImageName(i);
    folder.file(name, await encode(drawFace(male, random), FACE_WIDTH, FACE_HEIGHT));
    const values = CELEBA_ATTRIBUTES.map((attribute) => {
      if (attribute === 'Male') return male;
      if (attribute === 'No_Beard') return !male;
      if (attribute === 'Wearing_Lipstick') return !male;
      return random() < 0.2;
    });
    rows.push(`${name},${values.map((v) => (v ? '1' : '-1')).join(',')}`);
  }
  onProgress('Drawing demo faces', count, count);
  let packed = -1;
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }, (meta) => {
    // JSZip reports once per file; a whole percent is enough for a progress bar.
    const percent = Math.floor(meta.percent);
    if (percent !== packed) onProgress('Packing the demo zip', percent, 100);
    packed = percent;
  });
  const [train = 0, validation = 0] = splitTotals(count, SAMPLE_PARTITION);
  const partition = ['image_id,partition'];
  for (let i = 0; i < count; i++) {
    partition.push(`${sampleImageName(i)},${i < train ? 0 : i < train + validation ? 1 : 2}`);
  }
  return {
    zip: bytes,
    attributesCsv: `${rows.join('\n')}\n`,
    partitionCsv: `${partition.join('\n')}\n`,
    males: labels.filter(Boolean).length,
  };
}
