import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/dataset/load.ts';
import { splitTotals } from '../../src/core/dataset/split.ts';
import { DEFAULT_SPLIT_OPTIONS, SPLIT_NAMES } from '../../src/domain/dataset.ts';
import { imageName, noProgress } from '../support/datasetFixtures.ts';
import { writeZip } from '../support/zipWriter.ts';

/** img_align_celeba.zip's image count. */
const CELEBA_IMAGES = 202_599;

describe('the full CelebA name list without a partition file', () => {
  it('loads and splits by the configured fractions', async () => {
    // Each entry is the four bytes of an empty JPEG: only the names and their count matter here.
    const stub = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    const zip = writeZip(
      Array.from({ length: CELEBA_IMAGES }, (_, i) => ({
        path: `img_align_celeba/${imageName(i + 1)}`,
        data: stub,
      })),
    );
    const lines = ['image_id,Male'];
    for (let i = 1; i <= CELEBA_IMAGES; i++) lines.push(`${imageName(i)},${i % 5 < 2 ? 1 : -1}`);
    const { dataset } = await loadDataset(
      [
        new File([zip as BlobPart], 'img_align_celeba.zip'),
        new File([lines.join('\n')], 'list_attr_celeba.csv'),
      ],
      DEFAULT_SPLIT_OPTIONS,
      noProgress,
    );
    // 0.8/0.1/0.1 of 202,599: train and validation rounded, test the rest.
    const expected = splitTotals(CELEBA_IMAGES, DEFAULT_SPLIT_OPTIONS.fractions);
    expect(expected).toEqual([162_079, 20_260, 20_260]);
    expect(dataset.summary.splits.map((s) => s.count)).toEqual(expected);
    expect(dataset.summary.problems).toEqual([]);
    expect(SPLIT_NAMES.map((s) => dataset.splits[s].length)).toEqual(expected);
  }, 60_000);
});

/** Calls that take one argument per item: spreading a large array into them overflows the stack. */
const SPREAD_CALL = /\b(push|unshift|max|min|fromCharCode|fromCodePoint|splice)\(\s*\.\.\./;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the source', () => {
  it('spreads no array into a call that takes one argument per item in the data path', () => {
    const dataPath = ['src/core', 'src/domain', 'src/worker', 'src/studio'].flatMap(sourceFiles);
    const offenders = dataPath.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SPREAD_CALL.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
