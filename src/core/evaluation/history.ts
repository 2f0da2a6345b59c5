import type { EpochLog } from '../../domain/training.ts';

/**
 * TensorBoard's scalar smoothing: an exponential moving average with weight
 * `alpha` in [0, 1) (0 leaves the values as they are), debiased so the first
 * points are not pulled toward zero. Non-finite values pass through untouched.
 */
export function smooth(values: readonly number[], alpha: number): number[] {
  if (!(alpha >= 0 && alpha < 1)) throw new Error(`smoothing weight ${alpha} is not in [0, 1)`);
  let last = 0;
  let accumulated = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * alpha + (1 - alpha) * value;
    accumulated += 1;
    return last / (1 - alpha ** accumulated);
  });
}

const CSV_HEADER = 'epoch,phase,loss,accuracy,val_loss,val_accuracy,seconds';

const csvNumber = (value: number | null): string => (value === null ? '' : String(value));

/** The history as Keras's CSVLogger would write it, plus the phase. */
export function historyCsv(history: readonly EpochLog[]): string {
  const rows = history.map((log) =>
    [
      log.epoch,
      log.phase,
      csvNumber(log.loss),
      csvNumber(log.accuracy),
      csvNumber(log.valLoss),
      csvNumber(log.valAccuracy),
      csvNumber(log.seconds),
    ].join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

/** A metric as Keras's progress bar prints it: 4 decimals, or scientific when tiny. */
export function kerasNumber(value: number): string {
  if (Math.abs(value) > 1e-3) return value.toFixed(4);
  // Python's %.4e writes at least two exponent digits: 1.2345e-04.
  return value.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Keras's per-step time: seconds, milliseconds or microseconds, whichever reads best. */
function timePerStep(seconds: number, steps: number): string {
  const perStep = seconds / Math.max(1, steps);
  if (perStep >= 1) return `${Math.round(perStep)}s/step`;
  if (perStep >= 1e-3) return `${Math.round(perStep * 1e3)}ms/step`;
  return `${Math.round(perStep * 1e6)}us/step`;
}

/**
 * One epoch in the words of Keras's fit() log (verbose=1, final state), e.g.
 * "Epoch 1/8\n3000/3000 - 173s 57ms/step - loss: 0.3651 - accuracy: 0.9007 - val_loss: …".
 * `log.epoch` is printed as it is (1-based, counted across phases, as Keras
 * does with initial_epoch); `steps` is the batches per epoch, null when unknown.
 */
export function kerasEpochLine(log: EpochLog, epochs: number, steps: number | null): string {
  const time =
    steps === null
      ? `${Math.round(log.seconds)}s`
      : `${steps}/${steps} - ${Math.round(log.seconds)}s ${timePerStep(log.seconds, steps)}`;
  const parts = [time, `loss: ${kerasNumber(log.loss)}`, `accuracy: ${kerasNumber(log.accuracy)}`];
  if (log.valLoss !== null) parts.push(`val_loss: ${kerasNumber(log.valLoss)}`);
  if (log.valAccuracy !== null) parts.push(`val_accuracy: ${kerasNumber(log.valAccuracy)}`);
  return `Epoch ${log.epoch}/${epochs}\n${parts.join(' - ')}`;
}
