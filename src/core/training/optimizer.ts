import * as tf from '@tensorflow/tfjs';
import type { TrainingParams } from '../../domain/training.ts';

/** The optimiser a phase trains with. */
export function makeOptimizer(training: TrainingParams, learningRate: number): tf.Optimizer {
  return training.optimizer === 'adam'
    ? tf.train.adam(learningRate)
    : tf.train.momentum(learningRate, training.momentum, training.nesterov);
}

/**
 * Frees every tensor an optimiser holds. tfjs 4.22's MomentumOptimizer.dispose() frees its
 * momentum scalar and slots but not the learning-rate scalar its SGD parent keeps, so each
 * run would leave one tensor behind.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  // tfjs's optimiser classes answer `instanceof` by duck typing, so the class name decides.
  if (optimizer.getClassName() === 'Momentum') tf.SGDOptimizer.prototype.dispose.call(optimizer);
}
