import * as tf from '@tensorflow/tfjs';
import type { AugmentParams, DatasetProblem, SampleImage } from '../../domain/dataset.ts';
import { augmentBatch } from '../augment/augment.ts';
import { readBatch } from './batch.ts';
import { rgbToPayload } from './payload.ts';
import type { Batch, ImageDecoder, ImageRef, LoadedDataset } from './types.ts';

/** Sample images are decoded at this size for display. */
export const SAMPLE_SIZE = 128;

/** The same few training images every time: alternating classes, in file order. */
export function pickSampleRefs(dataset: LoadedDataset, count: number): ImageRef[] {
  const pool = dataset.splits.train.length > 0 ? dataset.splits.train : dataset.splits.test;
  const byClass = [pool.filter((r) => r.label === 0), pool.filter((r) => r.label === 1)];
  const picked: ImageRef[] = [];
  for (let i = 0; picked.length < count && i < pool.length; i++) {
    for (const refs of byClass) {
      const ref = refs[i];
      if (ref && picked.length < count) picked.push(ref);
    }
  }
  return picked;
}

export interface Samples {
  samples: SampleImage[];
  augmented: SampleImage[];
  skipped: Batch['skipped'];
}

/** Decodes sample images and augments them with `params` and `seed`, for the page to show. */
export async function makeSamples(
  dataset: LoadedDataset,
  decoder: ImageDecoder,
  params: AugmentParams,
  count: number,
  seed: number,
): Promise<Samples> {
  const batch = await readBatch(
    dataset.source,
    pickSampleRefs(dataset, count),
    decoder,
    SAMPLE_SIZE,
  );
  const className = (label: number) => dataset.classNames[label === 1 ? 1 : 0];
  const samples = batch.names.map((name, i) => ({
    name,
    className: className(batch.labels[i] ?? 0),
    image: rgbToPayload(
      batch.images.subarray(i * SAMPLE_SIZE ** 2 * 3, (i + 1) * SAMPLE_SIZE ** 2 * 3),
      SAMPLE_SIZE,
    ),
  }));
  if (batch.count === 0) return { samples, augmented: [], skipped: batch.skipped };
  const pixels = tf.tidy(() => {
    const input = tf
      .tensor4d(batch.images, [batch.count, SAMPLE_SIZE, SAMPLE_SIZE, 3], 'int32')
      .toFloat();
    return augmentBatch(input, params, seed);
  });
  const values = await pixels.data();
  pixels.dispose();
  const augmented = samples.map((s, i) => ({
    ...s,
    image: rgbToPayload(
      (values as Float32Array).subarray(i * SAMPLE_SIZE ** 2 * 3, (i + 1) * SAMPLE_SIZE ** 2 * 3),
      SAMPLE_SIZE,
    ),
  }));
  return { samples, augmented, skipped: batch.skipped };
}

/**
 * Adds entries skipped while decoding (for samples or training) to the
 * summary's problems, so every skipped image is counted where the user looks.
 * `fresh` must hold only entries not counted before.
 */
export function withSkipped(
  problems: DatasetProblem[],
  fresh: { name: string; reason: string }[],
  zipName: string,
): DatasetProblem[] {
  if (fresh.length === 0) return problems;
  const refused = fresh.filter((s) => s.reason.includes('refused'));
  const broken = fresh.filter((s) => !s.reason.includes('refused'));
  const merge = (kind: DatasetProblem['kind'], items: typeof fresh, what: string) => {
    if (items.length === 0) return;
    const old = problems.find((p) => p.kind === kind && p.message.includes('while decoding'));
    const count = (old?.count ?? 0) + items.length;
    const entry: DatasetProblem = {
      kind,
      count,
      examples: [...(old?.examples ?? []), ...items.map((s) => s.name)].slice(0, 5),
      message: `${count} images of ${zipName} ${what} while decoding and were skipped (first: ${items[0]?.reason}).`,
    };
    problems = old ? problems.map((p) => (p === old ? entry : p)) : [...problems, entry];
  };
  merge('undecodable-image', broken, 'could not be decoded');
  merge('refused-entry', refused, 'were refused');
  return problems;
}
