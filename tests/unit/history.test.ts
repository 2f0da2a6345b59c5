import { describe, expect, it } from 'vitest';
import {
  historyCsv,
  kerasEpochLine,
  kerasNumber,
  smooth,
} from '../../src/core/evaluation/history.ts';
import type { EpochLog } from '../../src/domain/training.ts';

const EPOCH_1: EpochLog = {
  epoch: 1,
  phase: 'head',
  loss: 0.3651,
  accuracy: 0.9007,
  valLoss: 0.1837,
  valAccuracy: 0.9263,
  seconds: 171,
};

describe('smooth', () => {
  it('leaves values alone at weight 0', () => {
    expect(smooth([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5]);
  });

  it('is debiased: a constant series stays constant from the first point', () => {
    for (const v of smooth([5, 5, 5, 5], 0.9)) expect(v).toBeCloseTo(5, 12);
  });

  it('matches the moving average worked by hand', () => {
    // weight 0.5: ema1 = 0.5·1 = 0.5 → 0.5 / (1 - 0.5) = 1;
    // ema2 = 0.5·0.5 + 0.5·3 = 1.75 → 1.75 / (1 - 0.25) = 7/3.
    const [a, b] = smooth([1, 3], 0.5);
    expect(a).toBeCloseTo(1, 12);
    expect(b).toBeCloseTo(7 / 3, 12);
  });

  it('passes non-finite values through and refuses a weight outside [0, 1)', () => {
    expect(smooth([1, Number.NaN, 1], 0.5)[1]).toBeNaN();
    expect(() => smooth([1], 1)).toThrow('smoothing weight 1 is not in [0, 1)');
  });
});

describe('historyCsv', () => {
  it('writes the Keras CSVLogger columns plus phase, one row per epoch', () => {
    const csv = historyCsv([
      EPOCH_1,
      { ...EPOCH_1, epoch: 2, phase: 'fine-tune', valLoss: null, valAccuracy: null },
    ]);
    expect(csv.split('\n')).toEqual([
      'epoch,phase,loss,accuracy,val_loss,val_accuracy,seconds',
      '1,head,0.3651,0.9007,0.1837,0.9263,171',
      '2,fine-tune,0.3651,0.9007,,,171',
      '',
    ]);
  });
});

describe('kerasEpochLine', () => {
  it('prints the epoch as Keras fit() does', () => {
    // 171 s over 3000 steps is 57 ms per step.
    expect(kerasEpochLine(EPOCH_1, 8, 3000)).toBe(
      'Epoch 1/8\n3000/3000 - 171s 57ms/step - loss: 0.3651 - accuracy: 0.9007 - val_loss: 0.1837 - val_accuracy: 0.9263',
    );
  });

  it('leaves out validation when there is none and picks the step unit', () => {
    const line = kerasEpochLine({ ...EPOCH_1, valLoss: null, valAccuracy: null, seconds: 6 }, 2, 3);
    expect(line).toBe('Epoch 1/2\n3/3 - 6s 2s/step - loss: 0.3651 - accuracy: 0.9007');
    expect(kerasEpochLine({ ...EPOCH_1, seconds: 0.02 }, 8, 1000)).toContain('0s 20us/step');
    expect(kerasEpochLine({ ...EPOCH_1, epoch: 9, phase: 'fine-tune' }, 10, null)).toBe(
      'Epoch 9/10\n171s - loss: 0.3651 - accuracy: 0.9007 - val_loss: 0.1837 - val_accuracy: 0.9263',
    );
  });

  it('switches to scientific notation for tiny values, as Keras does', () => {
    expect(kerasNumber(0.00012345)).toBe('1.2345e-04');
    expect(kerasNumber(0.5)).toBe('0.5000');
    expect(kerasNumber(0)).toBe('0.0000e+00');
  });
});
