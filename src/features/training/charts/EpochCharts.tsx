import { memo, useMemo } from 'react';
import type { EpochLog } from '../../../domain/training.ts';
import { CHART_HEIGHT, ChartFigure } from '../../../ui/ChartFigure.tsx';
import { LineChart, type Series } from '../../../ui/chart/LineChart.tsx';

type Metric = 'loss' | 'accuracy';

function EpochChart({ history, metric }: { history: EpochLog[]; metric: Metric }) {
  const validation = metric === 'loss' ? 'valLoss' : 'valAccuracy';
  const series = useMemo<Series[]>(
    () => [
      {
        name: metric,
        points: history.map((log, i) => ({ x: i + 1, y: log[metric] })),
        color: 'var(--chart-train)',
        dots: true,
      },
      {
        name: `val_${metric}`,
        points: history.map((log, i) => ({ x: i + 1, y: log[validation] })),
        color: 'var(--chart-val)',
        dots: true,
      },
    ],
    [history, metric, validation],
  );
  const last = history.at(-1);
  const title = metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch';
  // The first fine-tuning epoch gets a marker: the curves often jump there.
  const fineTuneAt = history.findIndex((log) => log.phase === 'fine-tune');
  return (
    <ChartFigure
      label={title}
      points={history.length}
      summary={
        last
          ? `Epoch ${history.length}: ${metric} ${last[metric].toFixed(4)}, val_${metric} ${last[validation]?.toFixed(4) ?? 'none'}`
          : undefined
      }
    >
      <LineChart
        series={series}
        height={CHART_HEIGHT}
        yDomain={metric === 'accuracy' ? ACCURACY_DOMAIN : LOSS_DOMAIN}
        integerX
        xLabel="epoch"
        yLabel={metric}
        markers={fineTuneAt > 0 ? [{ x: fineTuneAt + 1, label: 'fine-tune' }] : []}
      />
    </ChartFigure>
  );
}

const ACCURACY_DOMAIN = [0, 1] as const;
const LOSS_DOMAIN = [0, 'auto'] as const;

/** Loss and accuracy per finished epoch, training and validation: two figures for a `.charts` grid. */
export const EpochCharts = memo(function EpochCharts({ history }: { history: EpochLog[] }) {
  return (
    <>
      <EpochChart history={history} metric="loss" />
      <EpochChart history={history} metric="accuracy" />
    </>
  );
});
