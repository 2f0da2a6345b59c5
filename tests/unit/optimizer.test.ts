import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { disposeOptimizer, makeOptimizer } from '../../src/core/training/optimizer.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';

describe('optimizer', () => {
  for (const optimizer of ['sgd', 'adam'] as const) {
    it(`${optimizer}: a phase's optimiser leaves no tensor behind once disposed`, async () => {
      await tf.setBackend('cpu');
      const w = tf.variable(tf.ones([3, 2]));
      const before = tf.memory().numTensors;
      const opt = makeOptimizer({ ...REFERENCE_TRAINING, optimizer }, 0.01);
      for (let step = 0; step < 3; step++) {
        opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
      }
      disposeOptimizer(opt);
      expect(tf.memory().numTensors).toBe(before);
      w.dispose();
    });
  }

  it('sgd is SGD with the reference momentum', () => {
    const opt = makeOptimizer(REFERENCE_TRAINING, 0.001);
    expect(opt.getClassName()).toBe('Momentum');
    disposeOptimizer(opt);
  });
});
