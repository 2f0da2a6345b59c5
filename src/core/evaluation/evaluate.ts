import type * as tf from '@tensorflow/tfjs';
import type { TestResults } from '../../domain/training.ts';
import type { ImageDecoder, LoadedDataset } from '../dataset/types.ts';
import { predictImages } from './predict.ts';
import { testReport } from './report.ts';

export interface EvaluationInput {
  model: tf.LayersModel;
  dataset: LoadedDataset;
  decoder: ImageDecoder;
  inputSize: number;
  /** The base had random weights: the report says to expect little. */
  randomWeights: boolean;
  threshold?: number;
  /** Images per forward pass. */
  batchSize?: number;
  onSkipped?: (skipped: { name: string; reason: string }[]) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The Evaluate step's report for any model, trained here or loaded: one
 * pass over the dataset's test split. Null when the test split is empty.
 */
export async function evaluateOnTest(input: EvaluationInput): Promise<TestResults | null> {
  const { model, dataset, decoder, inputSize } = input;
  const predictions = await predictImages(
    model,
    dataset.splits.test,
    dataset.source,
    decoder,
    inputSize,
    {
      keepWrong: true,
      batchSize: input.batchSize,
      onSkipped: input.onSkipped,
      onProgress: input.onProgress,
    },
  );
  if (!predictions) return null;
  return testReport(predictions, dataset.classNames, input.randomWeights, input.threshold);
}
