import { describe, expect, it } from 'vitest';
import { partitionSplit, stratifiedSplit } from '../../src/core/dataset/split.ts';
import type { ImageRef } from '../../src/core/dataset/types.ts';
import { DEFAULT_SPLIT_OPTIONS, SPLIT_NAMES } from '../../src/domain/dataset.ts';

/** n rows; the first `males` are class 1, spread by a stride so classes interleave. */
function refs(n: number, males: number): ImageRef[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${i}.jpg`,
    label: (i * 7919) % n < males ? 1 : 0,
    row: i + 2,
  }));
}

describe('seeded stratified split', () => {
  it("gives the reference's 24000/3000/3000 for 30,000 rows at 80/10/10", () => {
    const splits = stratifiedSplit(refs(30_000, 12_345), DEFAULT_SPLIT_OPTIONS);
    expect(SPLIT_NAMES.map((s) => splits[s].length)).toEqual([24_000, 3_000, 3_000]);
  });

  it('is the same for the same seed and differs for another', () => {
    const data = refs(1000, 430);
    const a = stratifiedSplit(data, { ...DEFAULT_SPLIT_OPTIONS, seed: 7 });
    const b = stratifiedSplit(data, { ...DEFAULT_SPLIT_OPTIONS, seed: 7 });
    const c = stratifiedSplit(data, { ...DEFAULT_SPLIT_OPTIONS, seed: 8 });
    expect(a).toEqual(b);
    expect(c.test.map((r) => r.name)).not.toEqual(a.test.map((r) => r.name));
  });

  it('keeps every row exactly once', () => {
    const data = refs(997, 401);
    const splits = stratifiedSplit(data, DEFAULT_SPLIT_OPTIONS);
    const names = SPLIT_NAMES.flatMap((s) => splits[s].map((r) => r.name));
    expect(names.sort()).toEqual(data.map((r) => r.name).sort());
  });

  it.each([
    [1000, 430, { train: 0.8, validation: 0.1, test: 0.1 }],
    [997, 401, { train: 0.7, validation: 0.15, test: 0.15 }],
    [101, 50, { train: 0.6, validation: 0.2, test: 0.2 }],
    [30_000, 12_999, { train: 0.8, validation: 0.1, test: 0.1 }],
    [12, 5, { train: 0.5, validation: 0.25, test: 0.25 }],
    [4, 1, { train: 0.34, validation: 0.33, test: 0.33 }],
    [158, 8, { train: 0.34, validation: 0.33, test: 0.33 }],
  ])(
    'puts each class in each split within 1 of its fraction (%i rows, %i of class 1)',
    (n, males, fractions) => {
      const splits = stratifiedSplit(refs(n, males), { seed: 3, limit: null, fractions });
      const perClass = [n - males, males];
      for (const split of SPLIT_NAMES) {
        for (const label of [0, 1]) {
          const count = splits[split].filter((r) => r.label === label).length;
          expect(Math.abs(count - (perClass[label] ?? 0) * fractions[split])).toBeLessThanOrEqual(
            1,
          );
        }
      }
      for (const split of SPLIT_NAMES) {
        expect(Math.abs(splits[split].length - n * fractions[split])).toBeLessThan(1);
      }
    },
  );

  it('rejects fractions that do not add up to 1', () => {
    expect(() =>
      stratifiedSplit(refs(10, 5), {
        ...DEFAULT_SPLIT_OPTIONS,
        fractions: { train: 0.8, validation: 0.1, test: 0.2 },
      }),
    ).toThrow(/add up to 1; they add up to 1.1/);
  });
});

describe('partition split', () => {
  it('follows the partition file and sets apart images it does not name', () => {
    const data = refs(4, 2);
    const partition = {
      fileName: 'list_eval_partition.csv',
      splits: new Map([
        ['0.jpg', 'test'],
        ['1.jpg', 'train'],
        ['2.jpg', 'validation'],
      ] as const),
      unreadable: [],
    };
    const { splits, unassigned } = partitionSplit(data, partition);
    expect(splits.train.map((r) => r.name)).toEqual(['1.jpg']);
    expect(splits.validation.map((r) => r.name)).toEqual(['2.jpg']);
    expect(splits.test.map((r) => r.name)).toEqual(['0.jpg']);
    expect(unassigned.map((r) => r.name)).toEqual(['3.jpg']);
  });
});

describe('splitting at scale', () => {
  it('splits more rows than one call can take as arguments', () => {
    // Half a million rows: spreading a class of them into push() overflows any engine's stack.
    const n = 500_000;
    const splits = stratifiedSplit(refs(n, 200_000), DEFAULT_SPLIT_OPTIONS);
    expect(SPLIT_NAMES.map((s) => splits[s].length)).toEqual([400_000, 50_000, 50_000]);
  });
});
