import type { EpochLog, Phase, TrainingParams } from '../../domain/training.ts';
import type { Classifier } from '../model/classifier.ts';
import type { EarlyStoppingState } from './checkpoint.ts';
import { restoreVariables, snapshotVariables } from './weights.ts';

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

/**
 * Advances early stopping past a finished epoch and, when the epoch is the
 * best so far and the best weights are to be restored, snapshots them (the
 * base too once fine-tuning changes it).
 */
export async function afterEpoch(
  state: EarlyStoppingState,
  log: EpochLog,
  classifier: Classifier,
  training: TrainingParams,
): Promise<{ state: EarlyStoppingState; stop: boolean }> {
  const step = advanceEarlyStopping(state, log.valLoss, log.epoch, training.earlyStoppingPatience);
  if (!step.improved || !training.restoreBestWeights) return step;
  const best = {
    head: await snapshotVariables(classifier.head.weights),
    base: log.phase === 'fine-tune' ? await snapshotVariables(classifier.base.weights) : null,
  };
  return { state: { ...step.state, best }, stop: step.stop };
}

export function earlyStopNotice(state: EarlyStoppingState, patience: number): string {
  return `Early stopping: val_loss did not improve for ${patience} epochs (best ${state.bestValLoss.toFixed(4)} at epoch ${state.bestEpoch}).`;
}

/**
 * At the end of a phase, puts back the best epoch's weights unless the last
 * epoch was the best; says so in a notice, or returns null when nothing changed.
 */
export function restoreBest(
  state: EarlyStoppingState,
  phase: Phase,
  classifier: Classifier,
  lastEpoch: number | null,
  training: TrainingParams,
): string | null {
  const best = state.best;
  if (!best || !training.restoreBestWeights) return null;
  if (lastEpoch === state.bestEpoch) return null;
  restoreVariables(classifier.head.weights, best.head);
  if (phase === 'fine-tune' && best.base) restoreVariables(classifier.base.weights, best.base);
  return `Restored the weights of epoch ${state.bestEpoch}, the best val_loss (${state.bestValLoss.toFixed(4)}).`;
}
