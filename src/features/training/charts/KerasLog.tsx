import { useMemo } from 'react';
import { kerasEpochLine } from '../../../core/evaluation/history.ts';
import type { EpochLog } from '../../../domain/training.ts';
import { useWindowedRows } from '../../../ui/table/useWindowedRows.ts';

/** Two lines of 20 px per epoch (`.keras-log` fixes the line height). */
const EPOCH_HEIGHT = 40;

/** The epochs as Keras's fit() prints them; a long run shows only the epochs in view. */
export function KerasLog({
  history,
  epochs,
  steps,
}: {
  history: EpochLog[];
  epochs: number;
  steps: number | null;
}) {
  const { rows, before, after, box } = useWindowedRows(history.length, EPOCH_HEIGHT, 6);
  const text = useMemo(
    () =>
      history
        .slice(rows.start, rows.end)
        .map((log) => kerasEpochLine(log, epochs, steps))
        .join('\n'),
    [history, rows.start, rows.end, epochs, steps],
  );
  return (
    <pre role="log" aria-label="Keras log" className="keras-log" {...box}>
      {before > 0 && <span className="log-spacer" style={{ height: before }} />}
      {text}
      {after > 0 && <span className="log-spacer" style={{ height: after }} />}
    </pre>
  );
}
