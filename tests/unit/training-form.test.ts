import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';
import { validateTraining } from '../../src/features/training/validate.ts';

describe('validateTraining', () => {
  it('accepts the reference settings', () => {
    expect(validateTraining(REFERENCE_TRAINING, DEFAULT_MODEL_OPTIONS, 24000)).toEqual({});
  });

  it('puts each impossible value at its field', () => {
    const errors = validateTraining(
      {
        ...REFERENCE_TRAINING,
        batchSize: 0,
        learningRate: -1,
        momentum: 1,
        seed: 1.5,
        earlyStoppingPatience: -2,
      },
      { ...DEFAULT_MODEL_OPTIONS, inputSize: 100 },
      null,
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'batchSize',
        'earlyStoppingPatience',
        'inputSize',
        'learningRate',
        'momentum',
        'seed',
      ].sort(),
    );
  });

  it('refuses a batch larger than the training split and a run of no epochs', () => {
    const errors = validateTraining(
      { ...REFERENCE_TRAINING, batchSize: 64, epochs: 0 },
      DEFAULT_MODEL_OPTIONS,
      40,
    );
    expect(errors.batchSize).toContain('40 training images');
    expect(errors.epochs).toContain('at least one epoch');
  });
});
