import { describe, expect, it } from 'vitest';
import { LabelRows } from '../../src/core/dataset/labelRows.ts';

describe('label rows stored by column', () => {
  it('keeps every value as written while a column grows past 255 and 65,535 distinct values', () => {
    const rows = new LabelRows(2);
    const count = 70_000;
    for (let i = 0; i < count; i++) rows.add(i + 3, [`${i}.jpg`, i % 2 === 0 ? '-1' : '1']);
    rows.seal();
    expect(rows.length).toBe(count);
    for (const i of [0, 255, 256, 65_535, 65_536, count - 1]) {
      expect(rows.values(i)).toEqual([`${i}.jpg`, i % 2 === 0 ? '-1' : '1']);
      expect(rows.line(i)).toBe(i + 3);
      expect(rows.fieldCount(i)).toBe(2);
    }
  });

  it('keeps values written more than once in a column of mostly distinct values', () => {
    const rows = new LabelRows(2);
    const count = 80_000;
    // Distinct names, then names written again; a label column of two values throughout.
    const name = (i: number) => `${i < 70_000 ? i : i - 70_000}.jpg`;
    for (let i = 0; i < count; i++) rows.add(i + 2, [name(i), i % 3 === 0 ? '1' : '-1']);
    rows.seal();
    for (const i of [0, 65_536, 69_999, 70_000, 75_000, count - 1]) {
      expect(rows.values(i)).toEqual([name(i), i % 3 === 0 ? '1' : '-1']);
    }
  });

  it('keeps a row with too few or too many fields as written, to report it', () => {
    const rows = new LabelRows(3);
    rows.add(2, ['a.jpg', '1', 'x']);
    rows.add(3, ['b.jpg']);
    rows.add(4, ['c.jpg', '0', 'y', 'extra']);
    rows.seal();
    expect([0, 1, 2].map((i) => rows.fieldCount(i))).toEqual([3, 1, 4]);
    expect(rows.values(1)).toEqual(['b.jpg']);
    expect(rows.value(1, 1)).toBe('');
    expect(rows.values(2)).toEqual(['c.jpg', '0', 'y', 'extra']);
    expect(rows.value(0, 2)).toBe('x');
  });
});
