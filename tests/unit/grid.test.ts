import { describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING, type RunConfig } from '../../src/domain/training.ts';
import { expandGrid, MAX_GRID_RUNS, parseNumberList } from '../../src/features/runs/grid.ts';

const BASE: RunConfig = {
  model: DEFAULT_MODEL_OPTIONS,
  augment: DEFAULT_AUGMENT,
  training: REFERENCE_TRAINING,
};

describe('parseNumberList', () => {
  it('reads comma-separated numbers, spaces and a trailing comma allowed', () => {
    expect(parseNumberList(' 0.01, 1e-3 ,', 'Learning rates', false)).toEqual({
      values: [0.01, 0.001],
      errors: [],
    });
  });

  it('names the field and the entry that is wrong', () => {
    expect(parseNumberList('8, x, -2, 4.5, 8', 'Batch sizes', true).errors).toEqual([
      'Batch sizes: "x" is not a number.',
      'Batch sizes: -2 must be greater than 0.',
      'Batch sizes: 4.5 must be a whole number.',
      'Batch sizes: 8 is listed twice.',
    ]);
    expect(parseNumberList(' , ', 'Learning rates', false).errors).toEqual([
      'Learning rates: enter at least one value, separated by commas.',
    ]);
  });
});

describe('expandGrid', () => {
  it('makes one config per learning rate × batch size, changing nothing else', () => {
    const result = expandGrid(BASE, '0.01, 0.001', '8, 16, 32');
    if (!result.ok) throw new Error(result.errors.join(' '));
    expect(result.configs).toHaveLength(2 * 3);
    expect(result.configs.map((c) => [c.training.learningRate, c.training.batchSize])).toEqual([
      [0.01, 8],
      [0.01, 16],
      [0.01, 32],
      [0.001, 8],
      [0.001, 16],
      [0.001, 32],
    ]);
    for (const config of result.configs) {
      expect(config.model).toBe(BASE.model);
      expect(config.augment).toBe(BASE.augment);
      expect(config.training.epochs).toBe(BASE.training.epochs);
      expect(config.training.momentum).toBe(BASE.training.momentum);
    }
    expect(BASE.training.learningRate).toBe(REFERENCE_TRAINING.learningRate);
  });

  it(`refuses more than ${MAX_GRID_RUNS} runs and says how many were asked`, () => {
    const result = expandGrid(BASE, '0.1, 0.01, 0.001, 0.0001', '4, 8, 16, 32');
    expect(result).toEqual({
      ok: false,
      errors: [
        `4 learning rates × 4 batch sizes make 16 runs; the most a grid may queue is ${MAX_GRID_RUNS}.`,
      ],
    });
    expect(expandGrid(BASE, '0.1, 0.01, 0.001', '4, 8, 16, 32').ok).toBe(true);
  });

  it('reports the errors of both lists together', () => {
    const result = expandGrid(BASE, 'fast', '0');
    expect(result).toEqual({
      ok: false,
      errors: ['Learning rates: "fast" is not a number.', 'Batch sizes: 0 must be greater than 0.'],
    });
  });
});
