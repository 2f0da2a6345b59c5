import type * as tf from '@tensorflow/tfjs';
import type { ImageDecoder, ImageRef, ImageSource } from '../dataset/types.ts';
import {
  predictImages,
  type SplitPredictions,
  summarizePredictions,
} from '../evaluation/predict.ts';
import type { Classifier } from '../model/classifier.ts';
import type { FeatureCache } from './featureCache.ts';
import { predictProbabilities } from './step.ts';

/** Rows of a forward-only pass (feature caching, evaluation), at most. */
export const EVAL_BATCH = 32;

/** A split to predict during training: its images, and its cached base features when it has them. */
export interface SplitInput {
  refs: ImageRef[];
  source: ImageSource;
  decoder: ImageDecoder;
  inputSize: number;
  cache: FeatureCache | undefined;
  /** Images per forward pass over images. */
  rows: number;
  /** Keep the pixels of misclassified images (the gallery). */
  keepWrong: boolean;
  onSkipped(skipped: { name: string; reason: string }[]): void;
  /** Images predicted so far, of the split's total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Probabilities for a whole split (the validation split at each epoch's end),
 * without augmentation or dropout: from cached features the head alone runs.
 */
export function predictSplit(
  classifier: Classifier,
  input: SplitInput,
): Promise<SplitPredictions | null> {
  if (input.cache) return predictCached(classifier.head, input.cache, input.onProgress);
  return predictImages(classifier.full, input.refs, input.source, input.decoder, input.inputSize, {
    keepWrong: input.keepWrong,
    batchSize: input.rows,
    onSkipped: input.onSkipped,
    onProgress: input.onProgress,
  });
}

async function predictCached(
  head: tf.LayersModel,
  cache: FeatureCache,
  onProgress?: (done: number, total: number) => void,
): Promise<SplitPredictions | null> {
  const probabilities: number[] = [];
  for (let start = 0; start < cache.size; start += EVAL_BATCH) {
    const indices = Array.from(
      { length: Math.min(EVAL_BATCH, cache.size - start) },
      (_, i) => start + i,
    );
    const { x, y } = cache.take(indices);
    y.dispose();
    for (const p of await predictProbabilities(head, x)) probabilities.push(p);
    x.dispose();
    onProgress?.(probabilities.length, cache.size);
  }
  return summarizePredictions(Array.from(cache.labels), probabilities, [...cache.names]);
}
