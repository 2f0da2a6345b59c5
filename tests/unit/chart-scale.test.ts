import { describe, expect, it } from 'vitest';
import { niceAxis, project, tickLabel } from '../../src/ui/chart/scale.ts';

describe('niceAxis', () => {
  it('widens auto ends to round steps and labels them', () => {
    const axis = niceAxis(0.13, 0.87);
    expect(axis.min).toBe(0);
    expect(axis.max).toBe(1);
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('keeps fixed ends: [0, auto] starts at zero, [0, 1] stays the unit range', () => {
    expect(niceAxis(0.4, 2.3, [0, 'auto']).min).toBe(0);
    expect(niceAxis(0.4, 2.3, [0, 'auto']).max).toBe(2.5);
    const unit = niceAxis(0.55, 0.61, [0, 1]);
    expect([unit.min, unit.max]).toEqual([0, 1]);
    expect(unit.ticks[0]).toBe(0);
    expect(unit.ticks.at(-1)).toBe(1);
  });

  it('gives whole-number ticks for epochs and batches', () => {
    expect(niceAxis(1, 3, ['auto', 'auto'], 6, true).ticks.every(Number.isInteger)).toBe(true);
    const batches = niceAxis(1, 1234, ['auto', 'auto'], 6, true);
    expect(batches.ticks.every(Number.isInteger)).toBe(true);
    expect(batches.ticks.length).toBeLessThanOrEqual(8);
  });

  it('opens a range around a single value and survives no data', () => {
    const one = niceAxis(0.5, 0.5);
    expect(one.min).toBeLessThan(0.5);
    expect(one.max).toBeGreaterThan(0.5);
    const none = niceAxis(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    expect([none.min, none.max]).toEqual([0, 1]);
  });

  it('prints ticks without floating-point noise', () => {
    const axis = niceAxis(0, 0.3, [0, 'auto'], 3);
    expect(axis.ticks.map((t) => tickLabel(t, axis))).toEqual(['0.0', '0.1', '0.2', '0.3']);
    const quarters = niceAxis(0, 1, [0, 1], 4);
    expect(quarters.ticks.map((t) => tickLabel(t, quarters))).toEqual([
      '0.00',
      '0.25',
      '0.50',
      '0.75',
      '1.00',
    ]);
  });
});

describe('project', () => {
  it('maps the axis ends to the pixel ends, upside down for y', () => {
    const axis = { min: 0, max: 2, ticks: [] };
    expect(project(0, axis, 200, 10)).toBe(200);
    expect(project(2, axis, 200, 10)).toBe(10);
    expect(project(1, axis, 0, 100)).toBe(50);
  });
});
