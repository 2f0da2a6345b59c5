/** A numeric axis: its drawn range and the round values to label. */
export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

/** An end of an axis domain: a fixed number, or 'auto' to follow the data to a round value. */
export type DomainEnd = number | 'auto';

/** 1, 2, 2.5 or 5 times a power of ten: the step a person reads at a glance. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * The axis for values from `dataMin` to `dataMax`: 'auto' ends are widened to the
 * next round step, fixed ends kept; about `count` ticks, integers only when `integer`.
 */
export function niceAxis(
  dataMin: number,
  dataMax: number,
  domain: readonly [DomainEnd, DomainEnd] = ['auto', 'auto'],
  count = 5,
  integer = false,
): Axis {
  let lo = domain[0] === 'auto' ? dataMin : domain[0];
  let hi = domain[1] === 'auto' ? dataMax : domain[1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    if (domain[0] === 'auto') lo -= pad;
    if (domain[1] === 'auto' || domain[0] !== 'auto') hi += pad;
  }
  let step = niceStep(hi - lo, count);
  if (integer) step = Math.max(1, Math.round(step));
  if (domain[0] === 'auto') lo = Math.floor(lo / step) * step;
  if (domain[1] === 'auto') hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toFixed(digits)));
  }
  return { min: lo, max: hi, ticks };
}

/** Maps a value on `axis` to a pixel between `from` and `to`. */
export function project(value: number, axis: Axis, from: number, to: number): number {
  const span = axis.max - axis.min;
  return span === 0 ? from : from + ((value - axis.min) / span) * (to - from);
}

/** A tick label with as many decimals as the tick step needs (0.25 → 2, 0.5 → 1, 5 → 0). */
export function tickLabel(value: number, axis: Axis): string {
  const step = axis.ticks.length > 1 ? (axis.ticks[1] as number) - (axis.ticks[0] as number) : 1;
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6)
    decimals++;
  return value.toFixed(decimals);
}
