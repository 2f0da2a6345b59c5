import { SPLIT_NAMES } from '../../domain/dataset.ts';
import { seededRandom, shuffleInPlace } from '../random.ts';
import type { Splits } from './split.ts';
import type { ImageRef } from './types.ts';

/** One cell of the split × class table: its members and how many of them to keep. */
interface Cell {
  split: number;
  members: ImageRef[];
  floor: number;
  /** Numerator of the fractional part of the exact share (denominator: the total). */
  remainder: number;
}

/** Every way to choose `k` of `items`, in order. Only ever asked for k of at most 6 here. */
function choose<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of choose(items.slice(i + 1), k - 1)) out.push([item, ...rest]);
  });
  return out;
}

/**
 * How many of each (split, class) cell a limit keeps: every cell gets its
 * exact proportional share rounded down or up, the counts add up to `limit`,
 * and among those roundings the one whose split totals are closest to their
 * own shares wins (ties: largest remainders first). Integer arithmetic, so
 * shares that are whole numbers are kept exactly.
 */
function cellCounts(cells: Cell[], limit: number, total: number, splitSizes: number[]): number[] {
  const up = limit - cells.reduce((a, c) => a + c.floor, 0);
  const free = cells
    .map((c, i) => ({ i, remainder: c.remainder }))
    .filter((c) => c.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder)
    .map((c) => c.i);
  let best: number[] = cells.map((c) => c.floor);
  let bestCost = Number.POSITIVE_INFINITY;
  for (const bumped of choose(free, up)) {
    const counts = cells.map((c, i) => c.floor + (bumped.includes(i) ? 1 : 0));
    const cost = splitSizes.reduce((a, size, s) => {
      const kept = counts.reduce((n, k, i) => n + (cells[i]?.split === s ? k : 0), 0);
      return a + Math.abs(kept * total - limit * size);
    }, 0);
    if (cost < bestCost) {
      best = counts;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * Keeps `limit` images of a split already made (the official partition): each
 * split keeps its share of the whole, and within a split each class keeps its
 * share, so every (split, class) count is within 1 of the exact proportional
 * share. Which images is drawn with the seed; each split stays in file order.
 * A limit at or above the number of images keeps them all.
 */
export function limitSplits(splits: Splits, limit: number, seed: number): Splits {
  const splitSizes = SPLIT_NAMES.map((name) => splits[name].length);
  const total = splitSizes.reduce((a, b) => a + b, 0);
  if (limit >= total) return splits;
  const cells: Cell[] = [];
  SPLIT_NAMES.forEach((name, split) => {
    for (const label of [0, 1]) {
      const members = splits[name].filter((r) => r.label === label);
      const scaled = limit * members.length;
      cells.push({ split, members, floor: Math.floor(scaled / total), remainder: scaled % total });
    }
  });
  const counts = cellCounts(cells, limit, total, splitSizes);
  const random = seededRandom(seed);
  const kept: Splits = { train: [], validation: [], test: [] };
  cells.forEach((cell, i) => {
    const name = SPLIT_NAMES[cell.split];
    if (name === undefined) return;
    const chosen = shuffleInPlace(cell.members, random).slice(0, counts[i] ?? 0);
    for (const ref of chosen) kept[name].push(ref);
  });
  for (const name of SPLIT_NAMES) kept[name].sort((a, b) => a.row - b.row);
  return kept;
}
