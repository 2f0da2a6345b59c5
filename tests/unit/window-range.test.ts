import { describe, expect, it } from 'vitest';
import { windowRange } from '../../src/ui/table/windowRange.ts';

describe('windowRange', () => {
  it('renders the rows in view plus the overscan, from the top', () => {
    // 10 rows of 30 px fit in 300 px; one more for a partly shown row; 5 overscan below.
    expect(windowRange(1000, 30, 0, 300, 5)).toEqual({ start: 0, end: 16 });
  });

  it('follows the scroll position', () => {
    // Scrolled by 150 rows: rows 145..165 (5 overscan above, 11 in view, 5 below).
    expect(windowRange(1000, 30, 150 * 30, 300, 5)).toEqual({ start: 145, end: 166 });
  });

  it('never runs past the last row, even when scrolled beyond it', () => {
    const { start, end } = windowRange(1000, 30, 10_000_000, 300, 5);
    expect(end).toBe(1000);
    expect(end - start).toBe(11);
  });

  it('covers a list shorter than the viewport whole', () => {
    expect(windowRange(4, 30, 0, 300)).toEqual({ start: 0, end: 4 });
  });

  it('gives nothing for no rows or a nonsense row height', () => {
    expect(windowRange(0, 30, 0, 300)).toEqual({ start: 0, end: 0 });
    expect(windowRange(10, 0, 0, 300)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the rendered count constant however long the list grows', () => {
    const sizes = [1_000, 100_000, 10_000_000].map((n) => {
      const w = windowRange(n, 28, 500 * 28, 420);
      return w.end - w.start;
    });
    expect(new Set(sizes).size).toBe(1);
  });
});
