import { useDeferredValue } from 'react';
import { useStudio } from '../../studio/useStudio.ts';
import { WorkProgressBar } from '../../ui/WorkProgressBar.tsx';
import { BatchLossChart } from './charts/BatchLossChart.tsx';
import { EpochCharts } from './charts/EpochCharts.tsx';
import { EpochHistoryTable } from './charts/EpochHistoryTable.tsx';
import { TrainingProgressBar } from './charts/TrainingProgressBar.tsx';

/** What a run shows while and after it trains. */
export function TrainingView() {
  const t = useStudio((s) => s.training);
  // Charts and the table follow a step behind, in renders React may interrupt.
  const history = useDeferredValue(t.history);
  const batches = useDeferredValue(t.batches);
  const totalEpochs = t.config ? t.config.training.epochs + t.config.training.fineTuneEpochs : 0;
  if (t.status === 'idle' && t.history.length === 0) return null;
  return (
    <>
      {t.work ? (
        // Feature caching and the final test pass count images, not batches.
        <WorkProgressBar work={t.work} label="Training progress" />
      ) : (
        <TrainingProgressBar progress={t.progress} status={t.status} />
      )}
      {t.notices.length > 0 && (
        <ul className="notices" aria-label="Training notices">
          {t.notices.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: notices only ever append, so the index is a stable key
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {t.skipped.count > 0 && (
        <p className="warning" role="note" aria-label="Skipped images">
          {t.skipped.count} image{t.skipped.count === 1 ? '' : 's'} could not be decoded and{' '}
          {t.skipped.count === 1 ? 'was' : 'were'} skipped: {t.skipped.examples.join('; ')}
        </p>
      )}
      <div className="charts">
        <EpochCharts history={history} />
        <BatchLossChart batches={batches} />
      </div>
      <EpochHistoryTable
        history={history}
        epochs={totalEpochs}
        steps={t.progress?.batches ?? null}
      />
    </>
  );
}
