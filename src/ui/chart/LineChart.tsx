import { type PointerEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { minMaxDownsample, nearestIndex, type Point } from './points.ts';
import { type Axis, type DomainEnd, niceAxis, project, tickLabel } from './scale.ts';

export type { Point } from './points.ts';

/** One line of a chart. */
export interface Series {
  /** Unique among the chart's series; the name when omitted. */
  id?: string;
  name: string;
  points: readonly Point[];
  color: string;
  /** Stroke opacity, 1 by default. */
  opacity?: number;
  /** Stroke width in pixels, 1.5 by default. */
  width?: number;
  /** A dot on every point while the series is short enough for dots to read (one per epoch, say). */
  dots?: boolean;
}

/** A line drawn over a moving series never needs more points than a chart is wide. */
export const MAX_DRAWN_POINTS = 300;

/** Above this many drawn points a series' dots would merge into a line: none are drawn. */
const MAX_DOTS = 60;

const MARGIN = { top: 8, right: 16, bottom: 24, left: 48 };
const LABEL_SPACE = 16;

const AUTO: readonly [DomainEnd, DomainEnd] = ['auto', 'auto'];
const NO_MARKERS: readonly { x: number; label: string }[] = [];

const defaultFormat = (value: number): string => String(Number(value.toFixed(4)));

/** The element's content width, followed as it resizes. */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function pathOf(points: readonly Point[], x: (v: number) => number, y: (v: number) => number) {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function extent(series: readonly Series[], key: 'x' | 'y'): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const p of s.points) {
      const v = p[key];
      if (v === null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}

/**
 * A plain SVG line chart: axes with round ticks, a legend, a tooltip under the
 * pointer. Each series is downsampled to `MAX_DRAWN_POINTS` (keeping spikes), so
 * an update costs the same however long the run grows.
 */
export function LineChart({
  series,
  height,
  xDomain = AUTO,
  yDomain = AUTO,
  integerX = false,
  xLabel,
  yLabel,
  markers = NO_MARKERS,
  diagonal = false,
  highlight = null,
  formatValue = defaultFormat,
}: {
  series: readonly Series[];
  height: number;
  xDomain?: readonly [DomainEnd, DomainEnd];
  yDomain?: readonly [DomainEnd, DomainEnd];
  integerX?: boolean;
  xLabel?: string;
  yLabel?: string;
  /** Vertical lines with a label, at x. */
  markers?: readonly { x: number; label: string }[];
  /** The dashed line from the lower left to the upper right corner (a ROC chart's chance line). */
  diagonal?: boolean;
  /** One emphasised point. */
  highlight?: { x: number; y: number } | null;
  formatValue?: (value: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<number | null>(null);

  const drawn = useMemo(
    () => series.map((s) => ({ ...s, points: minMaxDownsample(s.points, MAX_DRAWN_POINTS) })),
    [series],
  );
  const axes = useMemo(() => {
    const [x0, x1] = extent(drawn, 'x');
    const [y0, y1] = extent(drawn, 'y');
    return {
      x: niceAxis(x0, x1, xDomain, 6, integerX),
      y: niceAxis(y0, y1, yDomain, 5),
    };
  }, [drawn, xDomain, yDomain, integerX]);

  const left = MARGIN.left + (yLabel ? LABEL_SPACE : 0);
  const bottom = height - MARGIN.bottom - (xLabel ? LABEL_SPACE : 0);
  const right = Math.max(left + 1, width - MARGIN.right);
  const top = MARGIN.top;
  const px = (v: number) => project(v, axes.x, left, right);
  const py = (v: number) => project(v, axes.y, bottom, top);

  const paths = useMemo(
    () =>
      drawn.map((s) =>
        pathOf(
          s.points,
          (v) => project(v, axes.x, left, right),
          (v) => project(v, axes.y, bottom, MARGIN.top),
        ),
      ),
    [drawn, axes, left, right, bottom],
  );

  const reference = drawn.find((s) => s.points.length > 0)?.points ?? [];
  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x =
      axes.x.min +
      ((event.clientX - rect.left - left) / (right - left)) * (axes.x.max - axes.x.min);
    setHover(reference.length > 0 ? (reference[nearestIndex(reference, x)] as Point).x : null);
  };

  return (
    <div ref={box} className="line-chart" style={{ minHeight: height }}>
      {width > 0 && (
        <svg
          width={width}
          height={height}
          aria-hidden="true"
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
        >
          <Grid axes={axes} left={left} right={right} top={top} bottom={bottom} px={px} py={py} />
          <AxisLabels
            axes={axes}
            left={left}
            bottom={bottom}
            top={top}
            right={right}
            px={px}
            py={py}
            xLabel={xLabel}
            yLabel={yLabel}
            height={height}
          />
          {diagonal && (
            <line
              x1={px(axes.x.min)}
              y1={py(axes.y.min)}
              x2={px(axes.x.max)}
              y2={py(axes.y.max)}
              className="chart-reference"
              strokeDasharray="4 4"
            />
          )}
          {markers.map((m) => (
            <g key={`${m.x}-${m.label}`}>
              <line x1={px(m.x)} x2={px(m.x)} y1={top} y2={bottom} className="chart-reference" />
              <text x={px(m.x) + 4} y={top + 12} className="chart-tick">
                {m.label}
              </text>
            </g>
          ))}
          {drawn.map((s, i) => (
            <g key={s.id ?? s.name} data-series={s.name}>
              <path
                className="chart-series"
                d={paths[i]}
                fill="none"
                stroke={s.color}
                strokeOpacity={s.opacity ?? 1}
                strokeWidth={s.width ?? 1.5}
              />
              {s.dots &&
                s.points.length <= MAX_DOTS &&
                s.points.map((p) =>
                  p.y === null || !Number.isFinite(p.y) ? null : (
                    <circle key={p.x} cx={px(p.x)} cy={py(p.y)} r={3} fill={s.color} />
                  ),
                )}
            </g>
          ))}
          {highlight && (
            <circle cx={px(highlight.x)} cy={py(highlight.y)} r={5} fill="var(--chart-val)" />
          )}
          {hover !== null && (
            <line x1={px(hover)} x2={px(hover)} y1={top} y2={bottom} className="chart-cursor" />
          )}
        </svg>
      )}
      {hover !== null && (
        <ChartTooltip
          x={hover}
          tolerance={(axes.x.max - axes.x.min) / 100}
          series={drawn}
          formatValue={formatValue}
          left={Math.min(px(hover) + 8, Math.max(0, width - 180))}
        />
      )}
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.id ?? s.name}>
            <span
              className="chart-swatch"
              style={{ background: s.color, opacity: Math.max(0.4, s.opacity ?? 1) }}
            />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Frame {
  axes: { x: Axis; y: Axis };
  left: number;
  right: number;
  top: number;
  bottom: number;
  px: (v: number) => number;
  py: (v: number) => number;
}

function Grid({ axes, left, right, top, bottom, px, py }: Frame) {
  return (
    <g className="chart-grid">
      {axes.y.ticks.map((t) => (
        <line key={`y${t}`} x1={left} x2={right} y1={py(t)} y2={py(t)} />
      ))}
      {axes.x.ticks.map((t) => (
        <line key={`x${t}`} x1={px(t)} x2={px(t)} y1={top} y2={bottom} />
      ))}
    </g>
  );
}

function AxisLabels({
  axes,
  left,
  right,
  bottom,
  top,
  px,
  py,
  xLabel,
  yLabel,
  height,
}: Frame & { xLabel: string | undefined; yLabel: string | undefined; height: number }) {
  return (
    <g className="chart-axes">
      <line x1={left} x2={right} y1={bottom} y2={bottom} />
      <line x1={left} x2={left} y1={top} y2={bottom} />
      {axes.x.ticks.map((t) => (
        <text key={`x${t}`} x={px(t)} y={bottom + 16} textAnchor="middle" className="chart-tick">
          {tickLabel(t, axes.x)}
        </text>
      ))}
      {axes.y.ticks.map((t) => (
        <text key={`y${t}`} x={left - 6} y={py(t) + 4} textAnchor="end" className="chart-tick">
          {tickLabel(t, axes.y)}
        </text>
      ))}
      {xLabel && (
        // Set by the text's bottom edge, so descenders stay inside whatever the font.
        <text
          x={(left + right) / 2}
          y={height - 2}
          textAnchor="middle"
          dominantBaseline="text-after-edge"
          className="chart-title"
        >
          {xLabel}
        </text>
      )}
      {yLabel && (
        // Its baseline a font size plus a margin from the SVG's left: the rotated glyphs rise toward that edge.
        <text
          transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="chart-title"
        >
          {yLabel}
        </text>
      )}
    </g>
  );
}

function ChartTooltip({
  x,
  tolerance,
  series,
  formatValue,
  left,
}: {
  x: number;
  /** How far from `x` a series' nearest point may lie and still be shown (they are thinned apart). */
  tolerance: number;
  series: readonly Series[];
  formatValue: (value: number) => string;
  left: number;
}) {
  return (
    <div className="chart-tooltip" style={{ left }}>
      <div>{formatValue(x)}</div>
      {series.map((s) => {
        const p = s.points[nearestIndex(s.points, x)];
        if (!p || p.y === null || Math.abs(p.x - x) > tolerance) return null;
        return (
          <div key={s.id ?? s.name} style={{ color: s.color }}>
            {s.name}: {formatValue(p.y)}
          </div>
        );
      })}
    </div>
  );
}
