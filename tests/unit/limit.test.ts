import { describe, expect, it } from 'vitest';
import { limitSplits } from '../../src/core/dataset/limit.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import { readPartitionFile } from '../../src/core/dataset/partition.ts';
import { partitionSplit, type Splits } from '../../src/core/dataset/split.ts';
import type { ImageRef } from '../../src/core/dataset/types.ts';
import { seededRandom } from '../../src/core/random.ts';
import { DEFAULT_SPLIT_OPTIONS, SPLIT_NAMES } from '../../src/domain/dataset.ts';
import { file, imageName, imagesZip, kaggleCsv, noProgress } from '../support/datasetFixtures.ts';

// CelebA's official partition: rows 1–162770 train, 162771–182637 validation, 182638–202599 test.
const IMAGES = 202_599;
const LAST_TRAIN = 162_770;
const LAST_VALIDATION = 182_637;
const LIMIT = 30_000;

function officialPartition(): string {
  const lines: string[] = [];
  for (let i = 1; i <= IMAGES; i++) {
    lines.push(`${imageName(i)} ${i <= LAST_TRAIN ? 0 : i <= LAST_VALIDATION ? 1 : 2}`);
  }
  return lines.join('\n');
}

/** 202,599 labelled rows, about 42 % male as in CelebA, drawn with a fixed seed. */
function celebaRefs(): ImageRef[] {
  const random = seededRandom(7);
  const refs: ImageRef[] = [];
  for (let i = 1; i <= IMAGES; i++) {
    refs.push({ name: imageName(i), label: random() < 0.42 ? 1 : 0, row: i + 1 });
  }
  return refs;
}

const classCount = (refs: ImageRef[], label: number) =>
  refs.filter((r) => r.label === label).length;

describe('"Limit images" with a partition file', () => {
  const partition = readPartitionFile('list_eval_partition.txt', officialPartition());
  const { splits, unassigned } = partitionSplit(celebaRefs(), partition);

  it('keeps each split and each class within a split at its share of the partition', () => {
    expect(unassigned).toEqual([]);
    expect(splits.train.length).toBe(LAST_TRAIN);
    const limited = limitSplits(splits, LIMIT, 42);
    const counts = SPLIT_NAMES.map((name) => limited[name].length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(LIMIT);
    for (const name of SPLIT_NAMES) {
      // Split shares of 30,000: 24,102.3 / 2,941.8 / 2,955.9; within 1 per class, so 2 per split.
      const share = (LIMIT * splits[name].length) / IMAGES;
      expect(Math.abs(limited[name].length - share)).toBeLessThanOrEqual(2);
      for (const label of [0, 1]) {
        const exact = (LIMIT * classCount(splits[name], label)) / IMAGES;
        expect(Math.abs(classCount(limited[name], label) - exact)).toBeLessThan(1);
      }
    }
    expect(counts.every((n) => n > 0)).toBe(true);
  });

  it('draws only images of the split they were in, each once, in file order', () => {
    const limited = limitSplits(splits, LIMIT, 42);
    for (const name of SPLIT_NAMES) {
      const inSplit = new Set(splits[name].map((r) => r.name));
      const kept = limited[name];
      expect(kept.every((r) => inSplit.has(r.name))).toBe(true);
      expect(new Set(kept.map((r) => r.name)).size).toBe(kept.length);
      expect(kept.every((r, i) => i === 0 || (kept[i - 1] as ImageRef).row < r.row)).toBe(true);
    }
  });

  it('is the same draw for the same seed and a different one for another seed', () => {
    const names = (s: Splits) => SPLIT_NAMES.map((n) => s[n].map((r) => r.name).join()).join('|');
    const once = names(limitSplits(splits, LIMIT, 42));
    expect(names(limitSplits(splits, LIMIT, 42))).toBe(once);
    expect(names(limitSplits(splits, LIMIT, 43))).not.toBe(once);
  });

  it('keeps everything when the limit is not below the number of images', () => {
    expect(limitSplits(splits, IMAGES, 1)).toBe(splits);
  });
});

describe('which rule the summary names', () => {
  it('a partition file: a share of each split; none: the first rows', async () => {
    const n = 40;
    const partition = Array.from(
      { length: n },
      (_, k) => `${imageName(k + 1)} ${k < 20 ? 0 : k < 30 ? 1 : 2}`,
    ).join('\n');
    const zip = file('z.zip', await imagesZip(n));
    const csv = file(
      'list_attr_celeba.csv',
      kaggleCsv(n, (i) => i % 2 === 0),
    );
    const options = { ...DEFAULT_SPLIT_OPTIONS, limit: 20 };
    const withPartition = await loadDataset(
      [zip, csv, file('list_eval_partition.txt', partition)],
      options,
      noProgress,
    );
    expect(withPartition.dataset.summary.limitRule).toEqual({
      kind: 'partition-share',
      limit: 20,
      of: n,
    });
    expect(withPartition.dataset.summary.splits.map((s) => s.count)).toEqual([10, 5, 5]);
    const without = await loadDataset([zip, csv], options, noProgress);
    expect(without.dataset.summary.limitRule).toEqual({ kind: 'first-rows', limit: 20, of: n });
    expect(without.dataset.summary.splits.map((s) => s.count)).toEqual([16, 2, 2]);
  });
});
