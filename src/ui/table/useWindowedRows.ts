import { type CSSProperties, type UIEvent, useState } from 'react';
import { type RowWindow, windowRange } from './windowRange.ts';

/** Tables up to this many rows render whole; longer ones render only what is in view. */
export const WINDOW_FROM = 60;

/**
 * Windowing for a table of `count` rows of `rowHeight` px inside a scroll box showing
 * `viewportRows` rows: the rows to render, the spacer heights above and below them,
 * and the box's style and scroll handler. Short tables get every row and no box.
 */
export function useWindowedRows(
  count: number,
  rowHeight: number,
  viewportRows = 15,
): {
  rows: RowWindow;
  before: number;
  after: number;
  box: { style?: CSSProperties; onScroll?: (event: UIEvent<HTMLElement>) => void };
} {
  const [scrollTop, setScrollTop] = useState(0);
  if (count <= WINDOW_FROM) return { rows: { start: 0, end: count }, before: 0, after: 0, box: {} };
  const viewport = viewportRows * rowHeight;
  const rows = windowRange(count, rowHeight, scrollTop, viewport);
  return {
    rows,
    before: rows.start * rowHeight,
    after: (count - rows.end) * rowHeight,
    box: {
      style: { maxHeight: viewport + rowHeight, overflowY: 'auto' },
      onScroll: (event) => setScrollTop(event.currentTarget.scrollTop),
    },
  };
}
