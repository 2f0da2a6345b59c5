import { useMemo } from 'react';
import type { RunRecord } from '../../domain/training.ts';
import { CHART_HEIGHT, ChartFigure } from '../../ui/ChartFigure.tsx';
import { LineChart, type Series } from '../../ui/chart/LineChart.tsx';
import { COMPARE_METRICS, type CompareMetric, overlayPoints } from './runSummary.ts';

/** The first two follow the theme; the rest are distinct on light and dark backgrounds. */
const COLOURS = [
  'var(--chart-train)',
  'var(--chart-val)',
  '#2a9d8f',
  '#c9a227',
  '#8e44ad',
  '#3a86ff',
  '#d1495b',
  '#6a994e',
];

/** One line per chosen run: the metric per epoch. */
export function CompareRunsChart({ runs, metric }: { runs: RunRecord[]; metric: CompareMetric }) {
  const series = useMemo<Series[]>(
    () =>
      runs.map((run, i) => ({
        id: run.id,
        name: run.name,
        points: overlayPoints(run, metric),
        color: COLOURS[i % COLOURS.length] as string,
        dots: true,
      })),
    [runs, metric],
  );
  const label = COMPARE_METRICS.find((m) => m.value === metric)?.label ?? metric;
  const points = runs.reduce((sum, run) => sum + run.history.length, 0);
  return (
    <ChartFigure
      label="Compare runs"
      points={points}
      summary={`${label} of ${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`}
    >
      <LineChart series={series} height={CHART_HEIGHT} integerX xLabel="epoch" yLabel={label} />
    </ChartFigure>
  );
}
