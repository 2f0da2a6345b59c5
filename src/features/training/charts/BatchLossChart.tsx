import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { smooth } from '../../../core/evaluate/history.ts';
import type { BatchLog } from '../../../domain/training.ts';
import { ChartFigure } from '../../../ui/ChartFigure.tsx';

/** TensorBoard's default smoothing weight. */
const SMOOTHING = 0.6;
/** SVG with thousands of points is slow to redraw on every update; the chart shows at most this many. */
const MAX_DRAWN = 400;

/** Per-batch training loss, raw (faint) and smoothed. */
export const BatchLossChart = memo(function BatchLossChart({ batches }: { batches: BatchLog[] }) {
  const data = useMemo(() => {
    const smoothed = smooth(
      batches.map((b) => b.loss),
      SMOOTHING,
    );
    const stride = Math.ceil(batches.length / MAX_DRAWN);
    const rows: { step: number; loss: number; smoothed: number }[] = [];
    for (let i = 0; i < batches.length; i++) {
      // Thin evenly but always keep the newest point.
      if (i % stride !== 0 && i !== batches.length - 1) continue;
      rows.push({
        step: i + 1,
        loss: (batches[i] as BatchLog).loss,
        smoothed: smoothed[i] as number,
      });
    }
    return rows;
  }, [batches]);
  const last = data.at(-1);
  return (
    <ChartFigure
      label="Loss per batch"
      points={batches.length}
      summary={last ? `Latest smoothed loss ${last.smoothed.toFixed(4)}` : undefined}
    >
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="step"
          type="number"
          domain={['dataMin', 'dataMax']}
          allowDecimals={false}
          stroke="var(--muted)"
        />
        <YAxis stroke="var(--muted)" domain={[0, 'auto']} width={48} />
        <Tooltip />
        <Legend />
        <Line
          name="loss"
          dataKey="loss"
          stroke="var(--chart-train)"
          strokeOpacity={0.3}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name={`smoothed (${SMOOTHING})`}
          dataKey="smoothed"
          stroke="var(--chart-train)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
});
