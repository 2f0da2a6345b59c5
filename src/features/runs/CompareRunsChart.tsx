import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../domain/training.ts';
import { ChartFigure } from '../../ui/ChartFigure.tsx';
import { COMPARE_METRICS, type CompareMetric, overlayRows } from './runSummary.ts';

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
  const rows = overlayRows(runs, metric);
  const label = COMPARE_METRICS.find((m) => m.value === metric)?.label ?? metric;
  const points = runs.reduce((sum, run) => sum + run.history.length, 0);
  return (
    <ChartFigure
      label="Compare runs"
      points={points}
      summary={`${label} of ${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`}
    >
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="epoch" allowDecimals={false} stroke="var(--muted)" />
        <YAxis stroke="var(--muted)" width={48} domain={['auto', 'auto']} />
        <Tooltip />
        <Legend />
        {runs.map((run, i) => (
          <Line
            key={run.id}
            name={run.name}
            dataKey={run.id}
            stroke={COLOURS[i % COLOURS.length]}
            dot
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFigure>
  );
}
