import type { EpochLog, RunConfig } from '../../domain/training.ts';
import type { WeightSnapshot } from './weights.ts';

/** Where a run stands: the next epoch to train is `epochsDone` of phase `phaseIndex`. */
export interface RunPosition {
  phaseIndex: number;
  epochsDone: number;
}

export interface EarlyStoppingState {
  bestValLoss: number;
  bestEpoch: number;
  wait: number;
  best: { head: WeightSnapshot[]; base: WeightSnapshot[] | null } | null;
}

/**
 * Everything needed to continue a run exactly: weights, optimizer slots,
 * history, config and position. Data order and augmentation are derived from
 * the seed and the position, so no RNG state needs saving.
 */
export interface CheckpointPayload {
  version: 1;
  runId: string;
  name: string;
  config: RunConfig;
  history: EpochLog[];
  position: RunPosition;
  head: WeightSnapshot[];
  /** Only once fine-tuning has changed the base; otherwise it is rebuilt from its source. */
  base: WeightSnapshot[] | null;
  optimizer: WeightSnapshot[];
  baseWeightsHash: string | null;
  earlyStopping: EarlyStoppingState;
  elapsedSeconds: number;
  totalEpochs: number;
}

export function isCheckpointPayload(value: unknown): value is CheckpointPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CheckpointPayload>;
  return (
    v.version === 1 &&
    typeof v.runId === 'string' &&
    Array.isArray(v.history) &&
    Array.isArray(v.head)
  );
}

/**
 * Throws, saying what to load or unload, when the base weights in use are not
 * those the run started from and the checkpoint does not carry the base itself.
 */
export function checkBaseWeights(payload: CheckpointPayload, loadedHash: string | null): void {
  const wanted = payload.baseWeightsHash;
  if (wanted === loadedHash || payload.base !== null) return;
  throw new Error(
    wanted
      ? 'This run started from ImageNet weights that are not loaded now: load the same VGG16 weights file, then resume.'
      : 'This run started from random base weights: unload the VGG16 weights to resume it.',
  );
}
