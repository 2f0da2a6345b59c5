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

/** One row per epoch with a column per run (keyed by run id), for an overlay chart. */
export function overlayRows(
  runs: readonly RunRecord[],
  metric: CompareMetric,
): Record<string, number | null>[] {
  const epochs = Math.max(0, ...runs.map((r) => r.history.length));
  return Array.from({ length: epochs }, (_, i) => {
    const row: Record<string, number | null> = { epoch: i + 1 };
    for (const run of runs) row[run.id] = run.history[i]?.[metric] ?? null;
    return row;
  });
}
