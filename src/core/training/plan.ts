import type { Phase, RunConfig } from '../../domain/training.ts';
import type { EarlyStoppingState } from './checkpoint.ts';

export interface PhasePlan {
  phase: Phase;
  epochs: number;
  learningRate: number;
}

/** Phase 1 (head on the frozen base), then phase 2 (fine-tuning); either may have 0 epochs. */
export function planPhases(config: RunConfig): PhasePlan[] {
  const t = config.training;
  return [
    { phase: 'head', epochs: t.epochs, learningRate: t.learningRate },
    { phase: 'fine-tune', epochs: t.fineTuneEpochs, learningRate: t.fineTuneLearningRate },
  ];
}

/** Without augmentation every epoch sees the same inputs, so base features can be cached. */
export function augmentIsOff(config: RunConfig): boolean {
  const a = config.augment;
  return (
    !a.horizontalFlip &&
    a.rotationRange === 0 &&
    a.zoomRange === 0 &&
    a.widthShift === 0 &&
    a.heightShift === 0 &&
    a.brightnessRange[0] === 1 &&
    a.brightnessRange[1] === 1
  );
}

export function freshEarlyStopping(): EarlyStoppingState {
  return { bestValLoss: Number.POSITIVE_INFINITY, bestEpoch: 0, wait: 0, best: null };
}

/**
 * Keras's EarlyStopping on val_loss: `improved` when this epoch is the best so
 * far (the caller then snapshots its weights), `stop` after `patience` epochs
 * without improvement. Patience 0 turns it off.
 */
export function advanceEarlyStopping(
  state: EarlyStoppingState,
  valLoss: number | null,
  epoch: number,
  patience: number,
): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  if (patience <= 0 || valLoss === null) return { state, improved: false, stop: false };
  if (valLoss < state.bestValLoss) {
    return {
      state: { bestValLoss: valLoss, bestEpoch: epoch, wait: 0, best: null },
      improved: true,
      stop: false,
    };
  }
  const next = { ...state, wait: state.wait + 1 };
  return { state: next, improved: false, stop: next.wait >= patience };
}
