import type { BatchLog } from '../../domain/training.ts';

/** One training step's mean loss and accuracy over `count` images. */
export interface StepResult {
  loss: number;
  accuracy: number;
  count: number;
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

/** Why a run stopped when its loss stopped being a number, and what is kept. */
export function divergenceMessage(
  loss: number,
  epoch: number,
  batch: number,
  saved: number,
): string {
  const kept =
    saved > 0
      ? `the checkpoint of epoch ${saved} is kept`
      : 'no epoch had finished, so there is no checkpoint';
  return `The loss became ${loss} at epoch ${epoch}, batch ${batch}. Training stopped; ${kept}. Try a lower learning rate.`;
}
