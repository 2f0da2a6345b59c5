import type { ReactElement, ReactNode } from 'react';

export const CHART_HEIGHT = 240;

/**
 * A labelled chart: the figure's name is the chart's title, and `data-points`
 * plus a hidden sentence tell tests and screen readers how much it shows.
 */
export function ChartFigure({
  label,
  points,
  summary,
  children,
  extra,
}: {
  label: string;
  points: number;
  /** A sentence for screen readers, e.g. the latest values. */
  summary?: string;
  children: ReactElement;
  extra?: ReactNode;
}) {
  return (
    <figure className="chart" aria-label={label} data-points={points}>
      <figcaption>{label}</figcaption>
      {points === 0 ? <p className="chart-empty">No data yet.</p> : children}
      {extra}
      <p className="visually-hidden">
        {points} {points === 1 ? 'point' : 'points'}
        {summary ? `. ${summary}` : ''}
      </p>
    </figure>
  );
}
