import { memo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RocPoint } from '../../domain/training.ts';
import { ChartFigure } from '../../ui/ChartFigure.tsx';

/** Enough points for a smooth curve; the AUC itself is computed from all of them. */
const MAX_DRAWN = 400;

function thin(roc: RocPoint[]): RocPoint[] {
  if (roc.length <= MAX_DRAWN) return roc;
  const stride = Math.ceil(roc.length / MAX_DRAWN);
  return roc.filter((_, i) => i % stride === 0 || i === roc.length - 1);
}

export function aucText(auc: number): string {
  return Number.isNaN(auc)
    ? 'AUC undefined: the test split holds only one class'
    : `AUC ${auc.toFixed(3)}`;
}

/** The ROC curve with the chance diagonal and the current threshold's operating point. */
export const RocChart = memo(function RocChart({
  roc,
  auc,
  operatingPoint,
}: {
  roc: RocPoint[];
  auc: number;
  operatingPoint: { fpr: number; tpr: number } | null;
}) {
  return (
    <ChartFigure
      label="ROC curve"
      points={roc.length}
      extra={<p className="chart-note">{aucText(auc)}</p>}
    >
      <LineChart data={thin(roc)} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="fpr"
          type="number"
          domain={[0, 1]}
          stroke="var(--muted)"
          label={{ value: 'false positive rate', position: 'insideBottom', offset: -8 }}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          stroke="var(--muted)"
          width={48}
          label={{ value: 'true positive rate', angle: -90, position: 'insideLeft' }}
        />
        <Tooltip />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke="var(--muted)"
          strokeDasharray="4 4"
        />
        <Line
          name="ROC"
          dataKey="tpr"
          stroke="var(--chart-train)"
          dot={false}
          isAnimationActive={false}
        />
        {operatingPoint && (
          <ReferenceDot
            x={operatingPoint.fpr}
            y={operatingPoint.tpr}
            r={5}
            fill="var(--chart-val)"
            stroke="none"
          />
        )}
      </LineChart>
    </ChartFigure>
  );
});
