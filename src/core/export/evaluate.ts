import * as tf from '@tensorflow/tfjs';
import type { SplitName } from '../../protocol/dataset.ts';
import type { ImagePayload } from '../../protocol/images.ts';
import { readBatch } from '../dataset/batch.ts';
import type { ImageDecoder, LoadedDataset } from '../dataset/types.ts';
import { accuracyOf, binaryCrossEntropy, confusionAt } from '../evaluate/metrics.ts';
import { rgbToPayload } from '../evaluate/report.ts';
import { preprocessCaffe } from '../model/preprocess.ts';
import { predictProbabilities } from '../train/step.ts';
import type { SplitPredictions } from '../train/trainer.ts';

const BATCH = 32;
/** Misclassified images kept for the gallery, at most (as for a trained model). */
const MAX_WRONG = 96;

export interface EvaluateOptions {
  split: SplitName;
  size: number;
  decoder: ImageDecoder;
  onSkipped?: (skipped: { name: string; reason: string }[]) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A loaded model's predictions on one split, in the shape a trained model's
 * evaluation gives, so the same report and metrics apply.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  dataset: LoadedDataset,
  options: EvaluateOptions,
): Promise<SplitPredictions | null> {
  const refs = dataset.splits[options.split];
  const { size } = options;
  const labels: number[] = [];
  const probabilities: number[] = [];
  const names: string[] = [];
  const wrongImages = new Map<string, ImagePayload>();
  for (let start = 0; start < refs.length; start += BATCH) {
    const batch = await readBatch(
      dataset.source,
      refs.slice(start, start + BATCH),
      options.decoder,
      size,
    );
    if (batch.skipped.length > 0) options.onSkipped?.(batch.skipped);
    options.onProgress?.(Math.min(start + BATCH, refs.length), refs.length);
    if (batch.count === 0) continue;
    const x = tf.tidy(() =>
      preprocessCaffe(tf.tensor4d(batch.images, [batch.count, size, size, 3], 'float32')),
    );
    const p = await predictProbabilities(model, x);
    x.dispose();
    const pixels = size * size * 3;
    for (let i = 0; i < batch.count; i++) {
      const probability = p[i] as number;
      const label = batch.labels[i] as number;
      if ((probability >= 0.5 ? 1 : 0) !== label && wrongImages.size < MAX_WRONG) {
        wrongImages.set(batch.names[i] as string, rgbToPayload(batch.images, i * pixels, size));
      }
      probabilities.push(probability);
      labels.push(label);
      names.push(batch.names[i] as string);
    }
  }
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
