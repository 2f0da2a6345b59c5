import { memo, useMemo } from 'react';
import type { RocPoint } from '../../domain/training.ts';
import { CHART_HEIGHT, ChartFigure } from '../../ui/ChartFigure.tsx';
import { LineChart, type Series } from '../../ui/chart/LineChart.tsx';

const UNIT = [0, 1] as const;

export function aucText(auc: number): string {
  return Number.isNaN(auc)
    ? 'AUC undefined: the test split holds only one class'
    : `AUC ${auc.toFixed(3)}`;
}

/**
 * The ROC curve with the chance diagonal and the current threshold's operating point.
 * The chart thins the curve to what it can draw; the AUC is computed from every point.
 */
export const RocChart = memo(function RocChart({
  roc,
  auc,
  operatingPoint,
}: {
  roc: RocPoint[];
  auc: number;
  operatingPoint: { fpr: number; tpr: number } | null;
}) {
  const series = useMemo<Series[]>(
    () => [
      {
        name: 'ROC',
        points: roc.map((p) => ({ x: p.fpr, y: p.tpr })),
        color: 'var(--chart-train)',
      },
    ],
    [roc],
  );
  return (
    <ChartFigure
      label="ROC curve"
      points={roc.length}
      extra={<p className="chart-note">{aucText(auc)}</p>}
    >
      <LineChart
        series={series}
        height={CHART_HEIGHT}
        xDomain={UNIT}
        yDomain={UNIT}
        xLabel="false positive rate"
        yLabel="true positive rate"
        diagonal
        highlight={operatingPoint && { x: operatingPoint.fpr, y: operatingPoint.tpr }}
      />
    </ChartFigure>
  );
});
