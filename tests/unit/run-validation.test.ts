import { describe, expect, it } from 'vitest';
import { NO_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS, INPUT_SIZES, inputSizeProblem } from '../../src/domain/model.ts';
import { runConfigProblems, validateTraining } from '../../src/domain/runValidation.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';

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

describe('runConfigProblems', () => {
  const reference = {
    model: DEFAULT_MODEL_OPTIONS,
    training: REFERENCE_TRAINING,
    augment: NO_AUGMENT,
  };

  it('passes what the form passes', () => {
    expect(runConfigProblems(reference, 24000)).toEqual([]);
  });

  it('refuses a grid run the form would refuse, naming the field once', () => {
    const problems = runConfigProblems(
      {
        ...reference,
        model: { ...DEFAULT_MODEL_OPTIONS, inputSize: 100 },
        training: { ...REFERENCE_TRAINING, learningRate: 20, batchSize: 64 },
      },
      40,
    );
    expect(problems).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith('Image size'))).toHaveLength(1);
    expect(problems.join(' ')).toContain('Learning rate');
    expect(problems.join(' ')).toContain('40 training images');
  });
});

describe('the input-size rule', () => {
  it('allows each multiple of 32 from 32 to 224 and nothing else', () => {
    expect(INPUT_SIZES).toEqual([32, 64, 96, 128, 160, 192, 224]);
    for (const size of [0, 16, 100, 256, 32.5, Number.NaN]) {
      expect(inputSizeProblem(size)).toContain(`got ${size}`);
    }
    expect(inputSizeProblem('64')).toContain('got 64');
    for (const size of INPUT_SIZES) expect(inputSizeProblem(size)).toBeNull();
  });
});
