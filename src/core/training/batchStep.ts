import * as tf from '@tensorflow/tfjs';
import type { AugmentParams } from '../../domain/dataset.ts';
import type { Phase } from '../../domain/training.ts';
import { augmentBatch } from '../augment/augment.ts';
import type { Batch } from '../dataset/types.ts';
import type { Classifier } from '../model/classifier.ts';
import { preprocessCaffe } from '../model/preprocess.ts';
import type { StepResult } from './epoch.ts';
import type { FeatureCache } from './featureCache.ts';
import { setDropoutSeed, trainStep } from './step.ts';

/** What one optimiser step updates and with what. */
export interface StepTarget {
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
}

/**
 * One step on a batch of images: augmented and preprocessed; in phase 1 the
 * frozen base runs outside the gradient tape, so only the head learns.
 */
export async function imageStep(
  classifier: Classifier,
  augment: AugmentParams,
  batch: Batch,
  phase: Phase,
  target: StepTarget,
  seed: number,
): Promise<StepResult> {
  const s = batch.size;
  const { inputs, labels } = tf.tidy(() => {
    const raw = tf.tensor4d(batch.images, [batch.count, s, s, 3], 'float32');
    const pre = preprocessCaffe(augmentBatch(raw, augment, seed));
    const x =
      phase === 'head' ? (classifier.base.apply(pre, { training: false }) as tf.Tensor) : pre;
    return { inputs: x, labels: tf.tensor2d(batch.labels, [batch.count, 1]) };
  });
  const model = phase === 'head' ? classifier.head : classifier.full;
  return stepAndDispose(model, target, inputs, labels, batch.count, seed);
}

/** One step of the head on cached base features at `indices`. */
export async function cachedStep(
  head: tf.LayersModel,
  cache: FeatureCache,
  indices: number[],
  target: StepTarget,
  seed: number,
): Promise<StepResult> {
  const { x, y } = cache.take(indices);
  return stepAndDispose(head, target, x, y, indices.length, seed);
}

/** One step of `model` on (x, y) of `count` images, with dropout drawn from `seed`; disposes x and y. */
async function stepAndDispose(
  model: tf.LayersModel,
  target: StepTarget,
  x: tf.Tensor,
  y: tf.Tensor,
  count: number,
  seed: number,
): Promise<StepResult> {
  setDropoutSeed(model, seed);
  try {
    const r = await trainStep(model, target.variables, target.optimizer, x, y);
    return { ...r, count };
  } finally {
    tf.dispose([x, y]);
  }
}
