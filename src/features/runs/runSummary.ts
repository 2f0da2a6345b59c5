import type { EpochLog, RunRecord } from '../../domain/training.ts';

export type CompareMetric = 'valAccuracy' | 'valLoss' | 'accuracy' | 'loss';

export const COMPARE_METRICS: { value: CompareMetric; label: string }[] = [
  { value: 'valAccuracy', label: 'val_accuracy' },
  { value: 'valLoss', label: 'val_loss' },
  { value: 'accuracy', label: 'accuracy' },
  { value: 'loss', label: 'loss' },
];

/** The best validation accuracy of any epoch, or null when no epoch was validated. */
export function bestValAccuracy(history: readonly EpochLog[]): number | null {
  let best: number | null = null;
  for (const log of history) {
    if (log.valAccuracy !== null && (best === null || log.valAccuracy > best)) {
      best = log.valAccuracy;
    }
  }
  return best;
}

/** A run's metric per epoch as chart points (x the epoch from 1; null where the epoch lacks it). */
export function overlayPoints(
  run: RunRecord,
  metric: CompareMetric,
): { x: number; y: number | null }[] {
  return run.history.map((log, i) => ({ x: i + 1, y: log[metric] }));
}
