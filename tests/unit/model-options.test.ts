import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL_OPTIONS,
  formatCount,
  modelOptionsProblems,
  summaryTotalLines,
} from '../../src/domain/model.ts';
import { parseDenseUnits } from '../../src/features/model/denseUnits.ts';
import { initialModelState, reduceModel } from '../../src/studio/slices/model.ts';

describe('model options', () => {
  it('parses the Dense units field', () => {
    expect(parseDenseUnits('256')).toEqual({ units: [256] });
    expect(parseDenseUnits(' 512, 128 ')).toEqual({ units: [512, 128] });
    expect(parseDenseUnits('')).toEqual({ units: [] });
    expect(parseDenseUnits('256, x')).toEqual({
      error: '"x" is not a whole number from 1 to 8192',
    });
    expect(parseDenseUnits('0')).toHaveProperty('error');
  });

  it('names each bad field', () => {
    expect(modelOptionsProblems(DEFAULT_MODEL_OPTIONS)).toEqual([]);
    const bad = {
      ...DEFAULT_MODEL_OPTIONS,
      inputSize: 100,
      head: { pooling: 'flatten' as const, dense: [0], dropout: 1 },
    };
    const problems = modelOptionsProblems(bad);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/Image size.*got 100/);
  });

  it('prints totals as Keras does', () => {
    expect(formatCount(14_714_688)).toBe('14,714,688');
    expect(
      summaryTotalLines({ rows: [], total: 14_714_688, trainable: 0, nonTrainable: 14_714_688 }),
    ).toEqual([
      'Total params: 14,714,688',
      'Trainable params: 0',
      'Non-trainable params: 14,714,688',
    ]);
  });

  it('keeps a weights failure until the next load starts', () => {
    let state = reduceModel(initialModelState, {
      scope: 'model',
      type: 'failed',
      what: 'weights',
      message: 'bad file',
    });
    state = reduceModel(state, { scope: 'model', type: 'weights', status: { kind: 'random' } });
    expect(state.weightsError).toBe('bad file');
    state = reduceModel(state, {
      scope: 'model',
      type: 'weights',
      status: { kind: 'loading', source: 'x.h5', stage: 'read', loaded: 0, total: 10 },
    });
    expect(state.weightsError).toBeNull();
  });
});
