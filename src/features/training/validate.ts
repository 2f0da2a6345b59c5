import type { ModelOptions } from '../../domain/model.ts';
import type { TrainingParams } from '../../domain/training.ts';

export type TrainingField = keyof TrainingParams | 'inputSize';
export type FieldErrors = Partial<Record<TrainingField, string>>;

export const IMAGE_SIZES = [32, 64, 96, 128, 160, 192, 224] as const;

function integerIn(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/** Impossible values get a message at their field; an empty result means the form can start a run. */
export function validateTraining(
  t: TrainingParams,
  model: ModelOptions,
  trainImages: number | null,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!integerIn(model.inputSize, 32, 224) || model.inputSize % 32 !== 0) {
    errors.inputSize = 'Image size must be a multiple of 32 from 32 to 224.';
  }
  if (!integerIn(t.batchSize, 1, 512))
    errors.batchSize = 'Batch size must be a whole number from 1 to 512.';
  else if (trainImages !== null && trainImages > 0 && t.batchSize > trainImages) {
    errors.batchSize = `Batch size is larger than the ${trainImages} training images.`;
  }
  if (!integerIn(t.epochs, 0, 1000))
    errors.epochs = 'Epochs must be a whole number from 0 to 1000.';
  if (!integerIn(t.fineTuneEpochs, 0, 1000))
    errors.fineTuneEpochs = 'Fine-tune epochs must be a whole number from 0 to 1000.';
  if (t.epochs === 0 && t.fineTuneEpochs === 0 && errors.epochs === undefined) {
    errors.epochs = 'Train for at least one epoch (head or fine-tuning).';
  }
  if (!(t.learningRate > 0 && t.learningRate <= 10))
    errors.learningRate = 'Learning rate must be above 0 and at most 10.';
  if (!(t.fineTuneLearningRate > 0 && t.fineTuneLearningRate <= 10)) {
    errors.fineTuneLearningRate = 'Fine-tune learning rate must be above 0 and at most 10.';
  }
  if (!(t.momentum >= 0 && t.momentum < 1))
    errors.momentum = 'Momentum must be at least 0 and below 1.';
  if (!integerIn(t.earlyStoppingPatience, 0, 1000)) {
    errors.earlyStoppingPatience = 'Patience must be a whole number (0 turns early stopping off).';
  }
  if (!integerIn(t.seed, 0, 2 ** 31 - 1))
    errors.seed = 'Random seed must be a whole number from 0 to 2147483647.';
  return errors;
}
