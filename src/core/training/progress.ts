import type { Phase, TrainingProgress } from '../../domain/training.ts';

/** Where a run stands within its current epoch, and how long this session has trained. */
export interface ProgressPoint {
  phase: Phase;
  /** 1-based epoch across phases. */
  epoch: number;
  totalEpochs: number;
  /** Epochs finished, over the whole run and when this session began. */
  epochsDone: number;
  epochsAtStart: number;
  batch: number;
  batches: number;
  /** Images trained this epoch, over `epochSeconds`. */
  seen: number;
  epochSeconds: number;
  sessionSeconds: number;
}

/** Overall fraction, speed and time left; the ETA extrapolates this session's pace. */
export function trainingProgress(p: ProgressPoint): TrainingProgress {
  const done = p.epochsDone + p.batch / p.batches;
  const fraction = p.totalEpochs > 0 ? Math.min(1, done / p.totalEpochs) : 1;
  const sessionDone = done - p.epochsAtStart;
  return {
    phase: p.phase,
    epoch: p.epoch,
    epochs: p.totalEpochs,
    batch: p.batch,
    batches: p.batches,
    fraction,
    imagesPerSecond: p.epochSeconds > 0 ? p.seen / p.epochSeconds : 0,
    etaSeconds:
      sessionDone > 0 && fraction < 1
        ? (p.sessionSeconds / sessionDone) * (p.totalEpochs - done)
        : null,
  };
}
