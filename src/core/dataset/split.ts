import { SPLIT_NAMES, type SplitName, type SplitOptions } from '../../domain/dataset.ts';
import { seededRandom, shuffleInPlace } from '../random.ts';
import { type PartitionTable, partitionOf } from './partition.ts';
import type { ImageRef } from './types.ts';

export type Splits = Record<SplitName, ImageRef[]>;

/** Throws unless the three fractions are each in [0, 1] and sum to 1. */
export function checkFractions(fractions: SplitOptions['fractions']): void {
  for (const name of SPLIT_NAMES) {
    const f = fractions[name];
    if (!Number.isFinite(f) || f < 0 || f > 1) {
      throw new Error(`The ${name} fraction must be between 0 and 1; it is ${f}.`);
    }
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new Error(
      `The train, validation and test fractions must add up to 1; they add up to ${Number(sum.toFixed(6))}.`,
    );
  }
}

/** How many of `total` rows each split gets: rounded train and validation, test takes the rest. */
export function splitTotals(total: number, fractions: SplitOptions['fractions']): number[] {
  const train = Math.round(total * fractions.train);
  const validation = Math.min(total - train, Math.round(total * fractions.validation));
  return [train, validation, total - train - validation];
}

/** Every way to round `targets` up or down (integers stay) so they sum to `total`. */
function roundings(targets: number[], total: number): number[][] {
  const floors = targets.map(Math.floor);
  const up = total - floors.reduce((a, b) => a + b, 0);
  const free = targets.flatMap((t, i) => (t > Math.floor(t) ? [i] : []));
  const out: number[][] = [];
  const pick = (from: number, left: number, chosen: number[]) => {
    if (left === 0) {
      out.push(floors.map((f, i) => (chosen.includes(i) ? f + 1 : f)));
      return;
    }
    for (let k = from; k < free.length; k++) pick(k + 1, left - 1, [...chosen, free[k] as number]);
  };
  pick(0, up, []);
  return out;
}

/**
 * How many of each class go to each split: every count is its class size
 * times the fraction, rounded down or up (so within 1), each class is used
 * up exactly, and split totals are also rounded down or up from their share
 * (a controlled rounding, which always exists). Among those, the totals
 * closest to the exact shares win, so 30,000 rows at 80/10/10 give exactly
 * 24,000/3,000/3,000.
 */
export function allocate(classSizes: number[], fractions: number[]): number[][] {
  const total = classSizes.reduce((a, b) => a + b, 0);
  const shares = fractions.map((f) => total * f);
  const options = classSizes.map((n) =>
    roundings(
      fractions.map((f) => n * f),
      n,
    ),
  );
  let best: number[][] | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  const search = (c: number, rows: number[][]) => {
    if (c === options.length) {
      const sums = shares.map((_, s) => rows.reduce((a, r) => a + (r[s] ?? 0), 0));
      if (sums.some((sum, s) => Math.abs(sum - (shares[s] ?? 0)) >= 1)) return;
      const cost = sums.reduce((a, sum, s) => a + Math.abs(sum - (shares[s] ?? 0)), 0);
      if (cost < bestCost - 1e-9) {
        best = rows;
        bestCost = cost;
      }
      return;
    }
    for (const row of options[c] ?? []) search(c + 1, [...rows, row]);
  };
  search(0, []);
  // Floating-point shares can defeat the search in theory; per-class rounding is the fallback.
  return best ?? options.map((o) => o[0] ?? []);
}

const byRow = (a: ImageRef, b: ImageRef) => a.row - b.row;

/**
 * Seeded, stratified split: each class is shuffled with the seed, then the
 * classes are dealt into splits in proportion to the fractions. Same rows and
 * seed, same split. Each split lists its rows in file order.
 */
export function stratifiedSplit(refs: ImageRef[], options: SplitOptions): Splits {
  checkFractions(options.fractions);
  const random = seededRandom(options.seed);
  const classes = [0, 1].map((label) =>
    shuffleInPlace(
      refs.filter((r) => r.label === label),
      random,
    ),
  );
  const counts = allocate(
    classes.map((c) => c.length),
    SPLIT_NAMES.map((s) => options.fractions[s]),
  );
  const splits: Splits = { train: [], validation: [], test: [] };
  classes.forEach((members, c) => {
    let start = 0;
    SPLIT_NAMES.forEach((name, s) => {
      const end = start + (counts[c]?.[s] ?? 0);
      // One push per item: spreading 160,000 items into one call overflows the stack.
      for (let i = start; i < end; i++) splits[name].push(members[i] as ImageRef);
      start = end;
    });
  });
  for (const name of SPLIT_NAMES) splits[name].sort(byRow);
  return splits;
}

/** The official split: every image goes where the partition file says; the rest are returned apart. */
export function partitionSplit(
  refs: ImageRef[],
  partition: PartitionTable,
): { splits: Splits; unassigned: ImageRef[] } {
  const splits: Splits = { train: [], validation: [], test: [] };
  const unassigned: ImageRef[] = [];
  for (const ref of refs) {
    const split = partitionOf(partition, ref.name);
    if (split) splits[split].push(ref);
    else unassigned.push(ref);
  }
  return { splits, unassigned };
}
