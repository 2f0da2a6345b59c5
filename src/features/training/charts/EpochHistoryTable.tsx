import { memo } from 'react';
import type { EpochLog } from '../../../domain/training.ts';
import { SpacerRow } from '../../../ui/table/SpacerRow.tsx';
import { useWindowedRows } from '../../../ui/table/useWindowedRows.ts';
import { KerasLog } from './KerasLog.tsx';

/** A row's height when the table is windowed (long runs): every row the same. */
const ROW_HEIGHT = 28;

const metric = (value: number | null): string => (value === null ? '—' : value.toFixed(4));

/**
 * One row per finished epoch, and the same epochs as Keras's fit() log.
 * `epochs` is the run's total across phases; `steps` the batches per epoch.
 */
export const EpochHistoryTable = memo(function EpochHistoryTable({
  history,
  epochs,
  steps = null,
}: {
  history: EpochLog[];
  epochs: number;
  steps?: number | null;
}) {
  const { rows, before, after, box } = useWindowedRows(history.length, ROW_HEIGHT);
  const windowed = rows.end - rows.start < history.length;
  return (
    <div className="epoch-history">
      <div className="table-window" {...box}>
        <table aria-label="Epoch history" aria-rowcount={history.length + 1}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Epoch
              </th>
              <th scope="col">Phase</th>
              <th scope="col" className="num">
                loss
              </th>
              <th scope="col" className="num">
                accuracy
              </th>
              <th scope="col" className="num">
                val_loss
              </th>
              <th scope="col" className="num">
                val_accuracy
              </th>
              <th scope="col" className="num">
                Seconds
              </th>
            </tr>
          </thead>
          <tbody>
            {history.length === 0 && (
              <tr>
                <td colSpan={7}>No finished epoch yet.</td>
              </tr>
            )}
            <SpacerRow height={before} />
            {history.slice(rows.start, rows.end).map((log, i) => (
              <tr
                key={`${log.phase}-${log.epoch}`}
                data-epoch={log.epoch}
                aria-rowindex={rows.start + i + 2}
                style={windowed ? { height: ROW_HEIGHT } : undefined}
              >
                <td className="num">{log.epoch}</td>
                <td>{log.phase}</td>
                <td className="num">{metric(log.loss)}</td>
                <td className="num">{metric(log.accuracy)}</td>
                <td className="num">{metric(log.valLoss)}</td>
                <td className="num">{metric(log.valAccuracy)}</td>
                <td className="num">{log.seconds.toFixed(1)}</td>
              </tr>
            ))}
            <SpacerRow height={after} />
          </tbody>
        </table>
      </div>
      {history.length > 0 && <KerasLog history={history} epochs={epochs} steps={steps} />}
    </div>
  );
});
