import type { ImageDecoder, ImageRef, LoadedDataset } from '../../src/core/dataset/types.ts';
import { seededRandom } from '../../src/core/random.ts';
import { DEFAULT_SPLIT_OPTIONS, type SplitName } from '../../src/domain/dataset.ts';

/**
 * Test decoder: the "file" already holds size × size RGB bytes, so engine
 * tests exercise the real pipeline without JPEG costs.
 */
export const rawDecoder: ImageDecoder = {
  async decode(bytes, name, size) {
    if (bytes.length !== size * size * 3)
      throw new Error(`${name} is not a ${size}×${size} raw image`);
    return { width: size, height: size, data: bytes };
  },
};

/** Class 1 is bright in the top half, class 0 in the bottom half, with noise. */
function drawImage(label: 0 | 1, size: number, random: () => number): Uint8Array {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const bright = y < size / 2 === (label === 1);
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        const base = bright ? 200 : 40;
        data[(y * size + x) * 3 + c] = Math.max(
          0,
          Math.min(255, base + Math.floor((random() - 0.5) * 80)),
        );
      }
    }
  }
  return data;
}

export function tinyDataset(
  counts: Record<SplitName, number>,
  size: number,
  seed = 1,
): LoadedDataset {
  const random = seededRandom(seed);
  const files = new Map<string, Uint8Array>();
  const splits = { train: [], validation: [], test: [] } as Record<SplitName, ImageRef[]>;
  let row = 1;
  for (const split of ['train', 'validation', 'test'] as const) {
    for (let i = 0; i < counts[split]; i++) {
      const label = (i % 2) as 0 | 1;
      const name = `${String(row).padStart(6, '0')}.jpg`;
      files.set(name, drawImage(label, size, random));
      splits[split].push({ name, label, row });
      row++;
    }
  }
  const classCounts = (refs: ImageRef[]): [number, number] => [
    refs.filter((r) => r.label === 0).length,
    refs.filter((r) => r.label === 1).length,
  ];
  return {
    classNames: ['female', 'male'],
    splits,
    source: {
      has: (name) => files.has(name),
      read: async (name) => {
        const bytes = files.get(name);
        if (!bytes) throw new Error(`${name} is not in the test source`);
        return bytes;
      },
    },
    summary: {
      labelFile: {
        name: 'labels.csv',
        format: 'plain-csv',
        rows: row - 1,
        columns: ['filename', 'label'],
        encoding: 'UTF-8',
      },
      zipFile: { name: 'images.zip', images: row - 1, bytes: 0, nameEncoding: 'ASCII' },
      partitionFile: null,
      splitSource: 'seeded',
      limitRule: null,
      mapping: {
        imageColumn: 'filename',
        labelColumn: 'label',
        classValues: [['0'], ['1']],
        classNames: ['female', 'male'],
      },
      labelValues: ['0', '1'],
      splits: (['train', 'validation', 'test'] as const).map((name) => ({
        name,
        count: splits[name].length,
        classCounts: classCounts(splits[name]),
      })),
      problems: [],
      options: DEFAULT_SPLIT_OPTIONS,
      synthetic: true,
      indexMillis: 0,
    },
  };
}
