/** Rows [start, end) to render of a fixed-row-height list scrolled to `scrollTop`. */
export interface RowWindow {
  start: number;
  end: number;
}

/**
 * The rows visible in a viewport of `viewportHeight` px scrolled by `scrollTop` px,
 * plus `overscan` rows on each side so a fast scroll shows no blank band.
 */
export function windowRange(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 5,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, first - overscan), Math.max(0, count - visible));
  const end = Math.min(count, first + visible + overscan);
  return { start: Math.min(start, end), end };
}
