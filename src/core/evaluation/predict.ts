import * as tf from '@tensorflow/tfjs';
import type { ImagePayload } from '../../domain/images.ts';
import { readBatch } from '../dataset/batch.ts';
import { rgbToPayload } from '../dataset/payload.ts';
import type { Batch, ImageDecoder, ImageRef, ImageSource } from '../dataset/types.ts';
import { preprocessCaffe } from '../model/preprocess.ts';
import { predictProbabilities } from '../training/step.ts';
import { accuracyOf, binaryCrossEntropy, confusionAt } from './metrics.ts';

const BATCH = 32;
/** Misclassified images kept for the gallery, at most. */
const MAX_WRONG_IMAGES = 96;

export interface SplitPredictions {
  labels: number[];
  probabilities: number[];
  names: string[];
  /** Images the model got wrong at 0.5, kept only when asked for (the gallery). */
  wrongImages: Map<string, ImagePayload>;
  loss: number;
  accuracy: number;
}

export interface PredictOptions {
  /** Keep the pixels of misclassified images for the gallery. */
  keepWrong: boolean;
  /** Images per forward pass; the training batch size keeps GPU dispatches as small as training's. */
  batchSize?: number;
  onSkipped?: (skipped: Batch['skipped']) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Loss and accuracy at 0.5 over what was predicted; null when nothing was. */
export function summarizePredictions(
  labels: number[],
  probabilities: number[],
  names: string[],
  wrongImages = new Map<string, ImagePayload>(),
): SplitPredictions | null {
  if (labels.length === 0) return null;
  return {
    labels,
    probabilities,
    names,
    wrongImages,
    loss: binaryCrossEntropy(labels, probabilities),
    accuracy: accuracyOf(confusionAt(labels, probabilities, 0.5)),
  };
}

function keepWrong(
  batch: Batch,
  probabilities: Float32Array,
  into: Map<string, ImagePayload>,
): void {
  const pixels = batch.size * batch.size * 3;
  for (let i = 0; i < batch.count && into.size < MAX_WRONG_IMAGES; i++) {
    const predicted = (probabilities[i] as number) >= 0.5 ? 1 : 0;
    if (predicted !== batch.labels[i]) {
      into.set(batch.names[i] as string, rgbToPayload(batch.images, batch.size, i * pixels));
    }
  }
}

/**
 * The batch as caffe-preprocessed input, padded with black images to `rows`.
 * Forward passes then always see one batch shape: GPU backends compile a
 * shader per shape, which on a software adapter costs minutes.
 */
export function paddedBatch(batch: Batch, rows: number): tf.Tensor4D {
  const s = batch.size;
  return tf.tidy(() => {
    const raw = tf.tensor4d(batch.images, [batch.count, s, s, 3], 'float32');
    const padded =
      batch.count < rows
        ? tf.pad(raw, [
            [0, rows - batch.count],
            [0, 0],
            [0, 0],
            [0, 0],
          ])
        : raw;
    return preprocessCaffe(padded as tf.Tensor4D);
  });
}

/**
 * Class-1 probabilities of `model` (raw RGB in, caffe preprocessing applied
 * here) for every image of `refs`, without augmentation or dropout. The next
 * batch is decoded while the current one runs.
 */
export async function predictImages(
  model: tf.LayersModel,
  refs: ImageRef[],
  source: ImageSource,
  decoder: ImageDecoder,
  size: number,
  options: PredictOptions,
): Promise<SplitPredictions | null> {
  const labels: number[] = [];
  const probabilities: number[] = [];
  const names: string[] = [];
  const wrongImages = new Map<string, ImagePayload>();
  const step = options.batchSize ?? BATCH;
  const read = (start: number) => readBatch(source, refs.slice(start, start + step), decoder, size);
  let next: Promise<Batch> | null = refs.length > 0 ? read(0) : null;
  for (let start = 0; start < refs.length; start += step) {
    const batch = await (next as Promise<Batch>);
    next = start + step < refs.length ? read(start + step) : null;
    if (batch.skipped.length > 0) options.onSkipped?.(batch.skipped);
    options.onProgress?.(Math.min(start + step, refs.length), refs.length);
    if (batch.count === 0) continue;
    const x = paddedBatch(batch, step);
    const p = (await predictProbabilities(model, x)).subarray(0, batch.count);
    x.dispose();
    if (options.keepWrong) keepWrong(batch, p, wrongImages);
    for (let i = 0; i < batch.count; i++) {
      probabilities.push(p[i] as number);
      labels.push(batch.labels[i] as number);
      names.push(batch.names[i] as string);
    }
  }
  return summarizePredictions(labels, probabilities, names, wrongImages);
}
