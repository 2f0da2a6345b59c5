import { describe, expect, it } from 'vitest';
import { indexFolder } from '../../src/core/dataset/folderIndex.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import {
  MAX_SLICE,
  readZipHeads,
  slicesCoverArchive,
  zipSlices,
} from '../../src/core/dataset/zipHeads.ts';
import { indexZip } from '../../src/core/dataset/zipIndex.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { file, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';
import { writeZip, type ZipEntry } from '../support/zipWriter.ts';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const webp = ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ');
const gif = ascii('GIF89a\u0001\u0000\u0001\u0000');
const text = ascii('<html>Not Found</html>\n');
const innerZip = writeZip([{ path: 'a.jpg', data: tinyJpeg() }]);

/** Files named .jpg that are not JPEGs, each stored and deflated. */
const impostors: [string, Uint8Array, string][] = [
  ['webp.jpg', webp, 'a WebP image: convert to JPEG or PNG'],
  ['gif.jpg', gif, 'a GIF image: convert to JPEG or PNG'],
  ['page.jpg', text, 'a text file, not an image'],
  ['nested.jpg', innerZip, 'a zip inside the zip: unzip it first'],
];

function dataset(deflate: boolean) {
  const entries: ZipEntry[] = impostors.map(([name, data]) => ({
    path: `imgs/${name}`,
    data,
    deflate,
  }));
  const rows = ['filename,label', ...impostors.map(([name], i) => `${name},${i % 2 ? 'm' : 'f'}`)];
  const real = 10;
  for (let i = 0; i < real; i++) {
    entries.push({ path: `imgs/ok${i}.jpg`, data: tinyJpeg(), deflate: deflate && i % 2 === 0 });
    rows.push(`ok${i}.jpg,${i % 2 === 0 ? 'm' : 'f'}`);
  }
  return { entries, csv: `${rows.join('\n')}\n`, real };
}

describe('the header check at indexing', () => {
  it.each([
    ['stored', false],
    ['deflated', true],
  ])(
    'skips %s entries whose bytes are not JPEG or PNG, saying what they are',
    async (_, deflate) => {
      const { entries, csv, real } = dataset(deflate);
      const { dataset: loaded } = await loadDataset(
        [file('z.zip', writeZip(entries)), file('l.csv', csv)],
        DEFAULT_SPLIT_OPTIONS,
        noProgress,
      );
      const { summary } = loaded;
      expect(summary.zipFile.images).toBe(real);
      expect(summary.splits.reduce((n, s) => n + s.count, 0)).toBe(real);
      const unusable = summary.problems.find((p) => p.kind === 'unreadable-format');
      expect(unusable?.count).toBe(impostors.length);
      for (const [name, , why] of impostors) {
        expect(unusable?.message).toContain(`${why} (1)`);
        expect(unusable?.examples).toContainEqual(expect.stringContaining(`${name}: ${why}`));
      }
      expect(summary.problems.find((p) => p.kind === 'missing-image')).toBeUndefined();
    },
  );

  it('checks a folder file by its first bytes', async () => {
    const files = [
      { file: file('a.jpg', tinyJpeg()), path: 'f/a.jpg' },
      { file: file('b.jpg', webp), path: 'f/b.jpg' },
    ];
    const index = await indexFolder(files, noProgress);
    expect([...index.entries.keys()]).toEqual(['f/a.jpg']);
    expect(index.unusable.get('b.jpg')).toBe('a WebP image: convert to JPEG or PNG');
  });

  it('reports its progress as its own stage, to the last image', async () => {
    const { entries } = dataset(false);
    const seen: [string, number, number][] = [];
    await indexZip(file('z.zip', writeZip(entries)), (...p) => seen.push(p));
    const checks = seen.filter(([stage]) => stage === 'Checking image headers in z.zip');
    expect(checks.at(-1)).toEqual([
      'Checking image headers in z.zip',
      entries.length,
      entries.length,
    ]);
  });

  it('stops when the load is cancelled during the check', async () => {
    const { entries } = dataset(false);
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const onProgress = (stage: string) => {
      if (stage.startsWith('Checking')) controller.abort(reason);
    };
    await expect(
      indexZip(file('z.zip', writeZip(entries)), onProgress, controller.signal),
    ).rejects.toBe(reason);
  });
});

describe('reading entry headers in slices', () => {
  const many = (count: number, data: Uint8Array) =>
    Array.from({ length: count }, (_, i) => ({ path: `imgs/${i}.jpg`, data }));

  /** A Blob that counts its reads. */
  function counted(bytes: Uint8Array) {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const reads: number[] = [];
    const slice = blob.slice.bind(blob);
    blob.slice = (start?: number, end?: number) => {
      reads.push((end ?? 0) - (start ?? 0));
      return slice(start, end);
    };
    return { blob, reads };
  }

  it('reads adjacent small entries in one read', async () => {
    const zip = writeZip(many(1000, tinyJpeg()));
    const index = await indexZip(file('z.zip', zip), noProgress);
    const slices = [...zipSlices(index.refs)];
    // The whole archive is under the most one slice spans.
    expect(zip.length).toBeLessThan(MAX_SLICE);
    expect(slices).toHaveLength(1);
    const { blob, reads } = counted(zip);
    const heads = await readZipHeads(blob, slices[0]?.map(([, ref]) => ref) ?? []);
    expect(reads).toHaveLength(1);
    expect(heads).toHaveLength(1000);
    expect(heads.every((h) => h?.[0] === 0xff && h[1] === 0xd8)).toBe(true);
  });

  it('reads far-apart entries one by one, never the bytes between them', async () => {
    const big = new Uint8Array(200 * 1024);
    big.set(tinyJpeg());
    const zip = writeZip(many(5, big));
    const index = await indexZip(file('z.zip', zip), noProgress);
    const slices = [...zipSlices(index.refs)];
    expect(slices).toHaveLength(5);
    // Reading it front to back would read the images whole: it is read by slices.
    expect(slicesCoverArchive(index.refs)).toBe(false);
  });

  it('reads an archive of small images front to back, into one buffer', async () => {
    const zip = writeZip(many(3000, tinyJpeg()));
    expect(zip.length).toBeGreaterThan(MAX_SLICE);
    const index = await indexZip(file('z.zip', zip), noProgress);
    expect(slicesCoverArchive(index.refs)).toBe(true);
    expect(index.entries.size).toBe(3000);
  });
});
