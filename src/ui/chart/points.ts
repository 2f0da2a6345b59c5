/** A point of a series; `y` null leaves a gap (a missing value). */
export interface Point {
  x: number;
  y: number | null;
}

/**
 * At most `maxPoints` points of `points` (sorted by x) that still show every spike:
 * the range is cut into buckets and each keeps its lowest and highest point, in x
 * order; the first and last points are always kept. Gaps (null y) are kept too, so a
 * missing value never vanishes into a straight line.
 */
export function minMaxDownsample(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return points.slice();
  if (maxPoints < 4)
    throw new Error(`keeping min and max needs at least 4 points; got ${maxPoints}`);
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const inner = points.length - 2;
  // A bucket keeps its lowest and highest point, and its first gap when the series has gaps.
  const perBucket = points.some((p) => p.y === null) ? 3 : 2;
  const buckets = Math.floor((maxPoints - 2) / perBucket);
  const out: Point[] = [first];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low: Point | null = null;
    let high: Point | null = null;
    let gap: Point | null = null;
    for (let i = start; i < end; i++) {
      const p = points[i] as Point;
      if (p.y === null) gap ??= p;
      else {
        if (low === null || p.y < (low.y as number)) low = p;
        if (high === null || p.y > (high.y as number)) high = p;
      }
    }
    const kept = [...new Set([low, high, gap])].filter((p): p is Point => p !== null);
    kept.sort((a, b) => a.x - b.x);
    out.push(...kept);
  }
  out.push(last);
  return out;
}

/** The index in `points` (sorted by x) whose x is closest to `x`; -1 when there are none. */
export function nearestIndex(points: readonly Point[], x: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as Point).x < x) lo = mid;
    else hi = mid;
  }
  if (hi < 0) return -1;
  return Math.abs((points[hi] as Point).x - x) < Math.abs((points[lo] as Point).x - x) ? hi : lo;
}
