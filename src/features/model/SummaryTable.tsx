import { useId } from 'react';
import { formatCount, type ModelSummary, summaryTotalLines } from '../../domain/model.ts';

export type SummaryPhase = 'frozen' | 'fine-tune';

interface Props {
  summary: ModelSummary | null;
  baseParams: number | null;
  headParams: number | null;
  phase: SummaryPhase;
  onPhase: (phase: SummaryPhase) => void;
  error: string | null;
}

/** Keras's `model.summary()`: one row per layer, then the three totals. */
export function SummaryTable({ summary, baseParams, headParams, phase, onPhase, error }: Props) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="model-summary">
      <h3 id={`${id}-title`}>Model summary</h3>
      <label htmlFor={`${id}-phase`} className="inline">
        Show summary for
        <select
          id={`${id}-phase`}
          value={phase}
          onChange={(e) => onPhase(e.target.value === 'fine-tune' ? 'fine-tune' : 'frozen')}
        >
          <option value="frozen">Phase 1 (base frozen)</option>
          <option value="fine-tune">Fine-tuning</option>
        </select>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {summary === null ? (
        <p>Building the summary…</p>
      ) : (
        <>
          <p className="mono">
            {baseParams !== null && <>VGG16 base: Total params: {formatCount(baseParams)}</>}
            {headParams !== null && (
              <>
                {' · '}Head: {formatCount(headParams)} params
              </>
            )}
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Layer (type)</th>
                  <th scope="col">Output Shape</th>
                  <th scope="col" className="num">
                    Param #
                  </th>
                  <th scope="col">Trainable</th>
                </tr>
              </thead>
              <tbody>
                {summary.rows.map((row) => (
                  <tr key={row.name}>
                    <td className="mono">
                      {row.name} ({row.type})
                    </td>
                    <td className="mono">{row.outputShape}</td>
                    <td className="num">{row.params}</td>
                    <td>{row.trainable ? 'Y' : 'N'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <pre className="summary-totals">{summaryTotalLines(summary).join('\n')}</pre>
        </>
      )}
    </section>
  );
}
