import { describe, expect, it } from 'vitest';
import { minMaxDownsample, nearestIndex, type Point } from '../../src/ui/chart/points.ts';

const series = (ys: (number | null)[]): Point[] => ys.map((y, i) => ({ x: i + 1, y }));

describe('minMaxDownsample', () => {
  it('returns a short series as it is', () => {
    const points = series([3, 1, 2]);
    expect(minMaxDownsample(points, 300)).toEqual(points);
  });

  it('keeps at most maxPoints, the first and last, in x order', () => {
    const points = series(Array.from({ length: 5000 }, (_, i) => Math.sin(i / 30)));
    const kept = minMaxDownsample(points, 300);
    expect(kept.length).toBeLessThanOrEqual(300);
    // 149 buckets of two points plus both ends: nearly the whole budget is used.
    expect(kept.length).toBeGreaterThan(250);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    for (let i = 1; i < kept.length; i++) {
      expect((kept[i] as Point).x).toBeGreaterThan((kept[i - 1] as Point).x);
    }
  });

  it('keeps a one-batch spike and a one-batch dip that a stride would skip', () => {
    const ys = Array.from({ length: 10_000 }, () => 0.5);
    ys[4321] = 9;
    ys[7777] = 0.01;
    const kept = minMaxDownsample(series(ys), 300);
    expect(kept).toContainEqual({ x: 4322, y: 9 });
    expect(kept).toContainEqual({ x: 7778, y: 0.01 });
    const stride = Math.ceil(ys.length / 300);
    expect(4321 % stride === 0 || 7777 % stride === 0).toBe(false);
  });

  it('keeps a gap so a missing value is not bridged by a line', () => {
    const ys: (number | null)[] = Array.from({ length: 1000 }, (_, i) => i);
    ys[500] = null;
    const kept = minMaxDownsample(series(ys), 100);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept).toContainEqual({ x: 501, y: null });
  });

  it('refuses a budget too small to keep a minimum and a maximum', () => {
    expect(() => minMaxDownsample(series([1, 2, 3, 4, 5]), 3)).toThrow(/at least 4/);
  });
});

describe('nearestIndex', () => {
  const points = series([0, 0, 0, 0]).map((p) => ({ ...p, x: p.x * 10 })); // x = 10, 20, 30, 40

  it('finds the closest x on either side', () => {
    expect(nearestIndex(points, 24)).toBe(1);
    expect(nearestIndex(points, 26)).toBe(2);
    expect(nearestIndex(points, 30)).toBe(2);
  });

  it('clamps to the ends and answers -1 for no points', () => {
    expect(nearestIndex(points, -5)).toBe(0);
    expect(nearestIndex(points, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
