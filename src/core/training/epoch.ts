import type * as tf from '@tensorflow/tfjs';
import type { BatchLog } from '../../domain/training.ts';
import type { ImageRef } from '../dataset/types.ts';
import type { PhasePlan } from './plan.ts';

/** One training step's mean loss and accuracy over `count` images. */
export interface StepResult {
  loss: number;
  accuracy: number;
  count: number;
}

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

/** The positions (into the shuffled order) of batch `b`. */
export function batchSlice(order: number[], b: number, batchSize: number): number[] {
  return order.slice(b * batchSize, (b + 1) * batchSize);
}

/**
 * Running sums of one epoch, each step weighted by its image count, and the
 * batch logs not yet reported.
 */
export class EpochTally {
  private lossSum = 0;
  private accSum = 0;
  private pending: BatchLog[] = [];
  private lastReport = 0;
  seen = 0;

  add(result: StepResult, log: BatchLog): void {
    this.lossSum += result.loss * result.count;
    this.accSum += result.accuracy * result.count;
    this.seen += result.count;
    this.pending.push(log);
  }

  /** The logs to report when a report is due (`everyMs` since the last, or the last batch), else null. */
  due(now: number, everyMs: number, lastBatch: boolean): BatchLog[] | null {
    if (now - this.lastReport < everyMs && !lastBatch) return null;
    this.lastReport = now;
    return this.pending.splice(0);
  }

  get loss(): number {
    return this.seen > 0 ? this.lossSum / this.seen : Number.NaN;
  }

  get accuracy(): number {
    return this.seen > 0 ? this.accSum / this.seen : Number.NaN;
  }
}
