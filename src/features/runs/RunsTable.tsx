import type { RunRecord } from '../../domain/training.ts';
import { formatDuration } from '../../ui/formatDuration.ts';
import { bestValAccuracy } from './runSummary.ts';

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);

function flags(run: RunRecord): string {
  const marks = [run.randomWeights && 'random weights', run.synthetic && 'synthetic'];
  return marks.filter(Boolean).join(', ') || '—';
}

/** Every stored run with its settings and results; a checkbox picks it for the chart. */
export function RunsTable({
  runs,
  chosen,
  onToggle,
  onDelete,
}: {
  runs: RunRecord[];
  chosen: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table aria-label="Runs table">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Name</th>
            <th scope="col">Date</th>
            <th scope="col">Status</th>
            <th scope="col">Backend</th>
            <th scope="col" className="num">
              Image size
            </th>
            <th scope="col" className="num">
              Batch
            </th>
            <th scope="col" className="num">
              Learning rate
            </th>
            <th scope="col" className="num">
              Epochs
            </th>
            <th scope="col" className="num">
              Best val_accuracy
            </th>
            <th scope="col" className="num">
              Test accuracy
            </th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">Flags</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.length === 0 && (
            <tr>
              <td colSpan={14}>No runs stored yet.</td>
            </tr>
          )}
          {runs.map((run) => {
            const t = run.config.training;
            return (
              <tr key={run.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${run.name}`}
                    checked={chosen.has(run.id)}
                    onChange={() => onToggle(run.id)}
                  />
                </td>
                <th scope="row">{run.name}</th>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>{run.status}</td>
                <td>{run.backend}</td>
                <td className="num">{run.config.model.inputSize}</td>
                <td className="num">{t.batchSize}</td>
                <td className="num">{t.learningRate}</td>
                <td className="num">
                  {run.history.length}/{t.epochs + t.fineTuneEpochs}
                </td>
                <td className="num">{fixed(bestValAccuracy(run.history), 4)}</td>
                <td className="num">{fixed(run.test?.accuracy, 3)}</td>
                <td className="num">{formatDuration(run.seconds)}</td>
                <td>{flags(run)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Delete ${run.name}`}
                    onClick={() => onDelete(run.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
