import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../domain/training.ts';
import type { ImageRef } from '../dataset/types.ts';
import { type Classifier, setTrainableBlocks } from '../model/classifier.ts';
import { disposeOptimizer, makeOptimizer } from './optimizer.ts';
import { augmentIsOff, type PhasePlan } from './plan.ts';
import { restoreOptimizer, type WeightSnapshot } from './weights.ts';

/** What stays fixed while one phase trains: its optimiser, its variables, its batches. */
export interface PhaseRun {
  plan: PhasePlan;
  phaseIndex: number;
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  /** Phase 1 with augmentation off trains on cached base features, not images. */
  useCache: boolean;
  trainRefs: ImageRef[];
  /** Training examples per epoch, and the batches they make. */
  total: number;
  batches: number;
  /** Epochs of earlier phases, so epochs number on across phases. */
  epochOffset: number;
}

export interface PhaseSetup {
  config: RunConfig;
  classifier: Classifier;
  plan: PhasePlan;
  phaseIndex: number;
  /** Optimiser slots from a checkpoint of this phase; empty for a fresh phase. */
  optimizerState: WeightSnapshot[];
  trainRefs: ImageRef[];
  epochOffset: number;
  /** Builds the feature caches; the cached training split's size, or null to train on images. */
  cacheTraining(): Promise<number | null>;
}

/**
 * Unfreezes what the phase trains and makes its optimiser (restored when
 * resuming); phase 1 without augmentation trains on cached base features.
 */
export async function openPhase(setup: PhaseSetup): Promise<PhaseRun> {
  const { config, classifier, plan } = setup;
  const unfreezeFrom = plan.phase === 'head' ? null : config.model.unfreezeFromBlock;
  setTrainableBlocks(classifier, unfreezeFrom);
  const trained = plan.phase === 'head' ? classifier.head : classifier.full;
  const variables = trained.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = makeOptimizer(config.training, plan.learningRate);
  try {
    if (setup.optimizerState.length > 0) await restoreOptimizer(optimizer, setup.optimizerState);
    const cached =
      plan.phase === 'head' && augmentIsOff(config) ? await setup.cacheTraining() : null;
    const total = cached ?? setup.trainRefs.length;
    const batches = Math.ceil(total / config.training.batchSize);
    if (batches === 0) throw new Error('The training split is empty: nothing to train on.');
    const { phaseIndex, trainRefs, epochOffset } = setup;
    const useCache = cached !== null;
    return {
      plan,
      phaseIndex,
      variables,
      optimizer,
      useCache,
      trainRefs,
      total,
      batches,
      epochOffset,
    };
  } catch (error) {
    disposeOptimizer(optimizer);
    throw error;
  }
}
