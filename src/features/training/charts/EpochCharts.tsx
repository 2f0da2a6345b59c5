import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { EpochLog } from '../../../domain/training.ts';
import { ChartFigure } from '../../../ui/ChartFigure.tsx';

type Metric = 'loss' | 'accuracy';

function EpochChart({ history, metric }: { history: EpochLog[]; metric: Metric }) {
  const validation = metric === 'loss' ? 'valLoss' : 'valAccuracy';
  const data = history.map((log, i) => ({
    epoch: i + 1,
    train: log[metric],
    validation: log[validation],
  }));
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
          ? `Epoch ${data.length}: ${metric} ${last[metric].toFixed(4)}, val_${metric} ${last[validation]?.toFixed(4) ?? 'none'}`
          : undefined
      }
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="epoch" allowDecimals={false} stroke="var(--muted)" />
        <YAxis
          stroke="var(--muted)"
          domain={metric === 'accuracy' ? [0, 1] : [0, 'auto']}
          width={48}
        />
        <Tooltip />
        <Legend />
        {fineTuneAt > 0 && (
          <ReferenceLine x={fineTuneAt + 1} stroke="var(--muted)" label="fine-tune" />
        )}
        <Line
          name={metric}
          dataKey="train"
          stroke="var(--chart-train)"
          dot
          isAnimationActive={false}
        />
        <Line
          name={`val_${metric}`}
          dataKey="validation"
          stroke="var(--chart-val)"
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}

/** Loss and accuracy per finished epoch, training and validation: two figures for a `.charts` grid. */
export const EpochCharts = memo(function EpochCharts({ history }: { history: EpochLog[] }) {
  return (
    <>
      <EpochChart history={history} metric="loss" />
      <EpochChart history={history} metric="accuracy" />
    </>
  );
});
