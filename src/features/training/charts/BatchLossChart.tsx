import { memo, useMemo } from 'react';
import { smooth } from '../../../core/evaluation/history.ts';
import type { BatchLog } from '../../../domain/training.ts';
import { CHART_HEIGHT, ChartFigure } from '../../../ui/ChartFigure.tsx';
import { LineChart, type Series } from '../../../ui/chart/LineChart.tsx';

/** TensorBoard's default smoothing weight. */
const SMOOTHING = 0.6;
const FROM_ZERO = [0, 'auto'] as const;

/** Per-batch training loss, raw (faint) and smoothed; long runs are thinned keeping the spikes. */
export const BatchLossChart = memo(function BatchLossChart({ batches }: { batches: BatchLog[] }) {
  const { series, latest } = useMemo(() => {
    const losses = batches.map((b) => b.loss);
    const smoothed = smooth(losses, SMOOTHING);
    const lines: Series[] = [
      {
        name: 'loss',
        points: losses.map((y, i) => ({ x: i + 1, y })),
        color: 'var(--chart-train)',
        opacity: 0.3,
      },
      {
        name: `smoothed (${SMOOTHING})`,
        points: smoothed.map((y, i) => ({ x: i + 1, y })),
        color: 'var(--chart-train)',
        width: 2,
      },
    ];
    return { series: lines, latest: smoothed.at(-1) };
  }, [batches]);
  return (
    <ChartFigure
      label="Loss per batch"
      points={batches.length}
      summary={latest === undefined ? undefined : `Latest smoothed loss ${latest.toFixed(4)}`}
    >
      <LineChart
        series={series}
        height={CHART_HEIGHT}
        yDomain={FROM_ZERO}
        integerX
        xLabel="batch"
        yLabel="loss"
      />
    </ChartFigure>
  );
});
