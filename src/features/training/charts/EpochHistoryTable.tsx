import { memo } from 'react';
import { kerasEpochLine } from '../../../core/evaluate/history.ts';
import type { EpochLog } from '../../../domain/training.ts';

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
  return (
    <div className="epoch-history">
      <table aria-label="Epoch history">
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
          {history.map((log) => (
            <tr key={`${log.phase}-${log.epoch}`} data-epoch={log.epoch}>
              <td className="num">{log.epoch}</td>
              <td>{log.phase}</td>
              <td className="num">{metric(log.loss)}</td>
              <td className="num">{metric(log.accuracy)}</td>
              <td className="num">{metric(log.valLoss)}</td>
              <td className="num">{metric(log.valAccuracy)}</td>
              <td className="num">{log.seconds.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.length > 0 && (
        <pre role="log" aria-label="Keras log" className="keras-log">
          {history.map((log) => kerasEpochLine(log, epochs, steps)).join('\n')}
        </pre>
      )}
    </div>
  );
});
