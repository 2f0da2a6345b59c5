import { inputSizeProblem, type ModelOptions, modelOptionsProblems } from './model.ts';
import type { RunConfig, TrainingParams } from './training.ts';

export type TrainingField = keyof TrainingParams | 'inputSize';
export type FieldErrors = Partial<Record<TrainingField, string>>;

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
  const sizeProblem = inputSizeProblem(model.inputSize);
  if (sizeProblem) errors.inputSize = `Image size ${sizeProblem}.`;
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

/**
 * Everything wrong with a run's settings, by the same rules as the form
 * (model options, then training fields); empty when the run can start.
 */
export function runConfigProblems(config: RunConfig, trainImages: number | null): string[] {
  const fields = Object.entries(validateTraining(config.training, config.model, trainImages));
  // The image size is one of the model options, already checked there.
  const training = fields.filter(([field]) => field !== 'inputSize').map(([, problem]) => problem);
  return [...modelOptionsProblems(config.model), ...training];
}

/** Refuses a list of runs (a grid) when any one of them could not start; says which. */
export function assertRunConfigs(configs: readonly RunConfig[], trainImages: number | null): void {
  const problems = configs.flatMap((config, i) =>
    runConfigProblems(config, trainImages).map((p) => `Run ${i + 1} of ${configs.length}: ${p}`),
  );
  if (problems.length > 0) throw new Error(problems.join(' '));
}
