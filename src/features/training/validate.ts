import type { TrainingParams } from '../../domain/training.ts';

/** Settings that let a first run on the demo data finish in about a minute without a GPU. */
export const DEMO_TRAINING: Pick<
  TrainingParams,
  'batchSize' | 'epochs' | 'fineTuneEpochs' | 'learningRate'
> = {
  batchSize: 16,
  epochs: 6,
  fineTuneEpochs: 0,
  learningRate: 0.01,
};
export const DEMO_IMAGE_SIZE = 64;
