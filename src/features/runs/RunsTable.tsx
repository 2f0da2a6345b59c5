import type { RunRecord } from '../../domain/training.ts';
import { formatDuration } from '../../ui/formatDuration.ts';
import { SpacerRow } from '../../ui/table/SpacerRow.tsx';
import { useWindowedRows } from '../../ui/table/useWindowedRows.ts';
import { bestValAccuracy } from './runSummary.ts';

/** A row's height when the table is windowed (many runs): every row the same. */
const ROW_HEIGHT = 40;

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);

/** Where a run trained outside the browser came from, in words. */
export function outsideMark(run: RunRecord): string | null {
  const o = run.outside;
  if (!o) return null;
  const processes = o.processes === 1 ? '1 process' : `${o.processes} processes`;
  return `trained outside the browser (${o.engine === 'pytorch' ? 'PyTorch' : o.engine}, ${processes} on ${o.device})`;
}

function flags(run: RunRecord): string {
  const marks = [
    outsideMark(run),
    run.randomWeights && 'random weights',
    run.synthetic && 'synthetic',
  ];
  return marks.filter(Boolean).join(', ') || '—';
}

/** Every stored run with its settings and results; a checkbox picks it for the chart. */
export function RunsTable({
  runs,
  chosen,
  onToggle,
  onDelete,
  onClusterExport,
}: {
  runs: RunRecord[];
  chosen: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onDelete: (id: string) => void;
  onClusterExport: (run: RunRecord) => void;
}) {
  const { rows, before, after, box } = useWindowedRows(runs.length, ROW_HEIGHT);
  const windowed = rows.end - rows.start < runs.length;
  return (
    <div className="table-scroll table-window" {...box}>
      <table aria-label="Runs table" aria-rowcount={runs.length + 1}>
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
          <SpacerRow height={before} />
          {runs.slice(rows.start, rows.end).map((run, i) => {
            const t = run.config.training;
            return (
              <tr
                key={run.id}
                aria-rowindex={rows.start + i + 2}
                style={windowed ? { height: ROW_HEIGHT } : undefined}
              >
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
                <td title={run.failure}>
                  {run.status}
                  {run.failure && <span className="muted">: {run.failure}</span>}
                </td>
                <td>{run.outside ? 'PyTorch' : run.backend}</td>
                <td className="num">{run.config.model.inputSize}</td>
                <td className="num">{t.batchSize}</td>
                <td className="num">{t.learningRate}</td>
                <td className="num">
                  {run.history.length}/{t.epochs + t.fineTuneEpochs}
                </td>
                <td className="num">{fixed(bestValAccuracy(run.history), 4)}</td>
                <td className="num">{fixed(run.test?.accuracy ?? run.outside?.testAccuracy, 3)}</td>
                <td className="num">{formatDuration(run.seconds)}</td>
                <td>{flags(run)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Export ${run.name} for a cluster`}
                    onClick={() => onClusterExport(run)}
                  >
                    Export for a cluster
                  </button>
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
          <SpacerRow height={after} />
        </tbody>
      </table>
    </div>
  );
}
