import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/core/dataset/build.ts';
import { indexFiles, loadDataset, NeedsMapping } from '../../src/core/dataset/load.ts';
import { splitTotals } from '../../src/core/dataset/split.ts';
import { type DatasetProblem, DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import {
  file,
  imageName,
  imagesZip,
  kaggleCsv,
  labelledImages,
  makeZip,
  noProgress,
  tinyJpeg,
} from '../support/datasetFixtures.ts';

const problem = (problems: DatasetProblem[], kind: DatasetProblem['kind']) =>
  problems.find((p) => p.kind === kind);

describe('loading a zip and a label file', () => {
  it('matches nested zip entries by basename and splits 80/10/10', async () => {
    const files = await labelledImages(
      100,
      (i) => i % 3 === 0,
      'img_align_celeba.zip',
      'list_attr_celeba.csv',
    );
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    expect(dataset.summary.splits.map((s) => s.count)).toEqual([80, 10, 10]);
    expect(dataset.classNames).toEqual(['female', 'male']);
    expect(dataset.summary.problems).toEqual([]);
    const total = dataset.summary.splits.reduce((n, s) => n + s.classCounts[1], 0);
    expect(total).toBe(33); // i % 3 === 0 for i in 1..100
    expect(dataset.source.has('000001.jpg')).toBe(true);
    expect(await dataset.source.read('000001.jpg')).toEqual(tinyJpeg());
  });

  it('reports progress while indexing', async () => {
    const stages = new Set<string>();
    const files = await labelledImages(10, (i) => i > 5, 'a.zip', 'l.csv');
    await loadDataset(files, DEFAULT_SPLIT_OPTIONS, (stage) => stages.add(stage));
    expect([...stages]).toContain('Indexing a.zip');
  });

  it('ignores __MACOSX and non-images, and reports basenames held in two folders', async () => {
    const jpg = tinyJpeg();
    const zip = await makeZip({
      'a/000001.jpg': jpg,
      'a/000002.jpg': jpg,
      'a/000003.jpg': jpg,
      'b/000002.jpg': jpg,
      '__MACOSX/a/._000001.jpg': 'resource fork',
      'a/readme.txt': 'hello',
    });
    const { dataset } = await loadDataset(
      [
        file('z.zip', zip),
        file('l.csv', 'filename,label\n000001.jpg,m\n000002.jpg,f\n000003.jpg,f\n'),
      ],
      { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 1, validation: 0, test: 0 } },
      noProgress,
    );
    expect(dataset.summary.zipFile.images).toBe(4);
    expect(problem(dataset.summary.problems, 'name-collision')).toMatchObject({
      count: 1,
      examples: ['000002.jpg (2: a/000002.jpg, b/000002.jpg)'],
    });
    // The bare name 000002.jpg could be either image: that row is skipped, not guessed.
    expect(problem(dataset.summary.problems, 'ambiguous-name')).toMatchObject({
      count: 1,
      examples: ['000002.jpg (row 3)'],
    });
    expect(problem(dataset.summary.problems, 'ambiguous-name')?.message).toContain(
      'such as a/000002.jpg',
    );
    expect(dataset.splits.train.map((r) => r.name)).toEqual(['000001.jpg', '000003.jpg']);
    expect(problem(dataset.summary.problems, 'ignored-entry')?.count).toBe(2);
  });

  it('matches rows that name the folder by path when two folders hold the same file name', async () => {
    const [red, blue] = [tinyJpeg(8, 8, [250, 0, 0]), tinyJpeg(8, 8, [0, 0, 250])];
    const entries: Record<string, Uint8Array> = {};
    const rows = ['path,gender'];
    for (let i = 1; i <= 10; i++) {
      const name = `${String(i).padStart(3, '0')}.jpg`;
      entries[`faces/female/${name}`] = red;
      entries[`faces/male/${name}`] = blue;
      rows.push(`female/${name},female`, `male\\${name},male`);
    }
    const { dataset } = await loadDataset(
      [file('z.zip', await makeZip(entries)), file('l.csv', `${rows.join('\n')}\n`)],
      { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 1, validation: 0, test: 0 } },
      noProgress,
    );
    const train = dataset.splits.train;
    expect(train).toHaveLength(20);
    for (const ref of train) {
      const bytes = await dataset.source.read(ref.name);
      expect(bytes).toEqual(ref.label === 1 ? blue : red);
      expect(ref.name.startsWith(ref.label === 1 ? 'male/' : 'female/')).toBe(true);
    }
    expect(problem(dataset.summary.problems, 'name-collision')?.count).toBe(10);
    expect(problem(dataset.summary.problems, 'ambiguous-name')).toBeUndefined();
    expect(problem(dataset.summary.problems, 'missing-image')).toBeUndefined();
    expect(problem(dataset.summary.problems, 'unlabelled-image')).toBeUndefined();
  });

  it('says to write the folder when every row names an image held in several folders', async () => {
    const jpg = tinyJpeg();
    const zip = await makeZip({
      'female/001.jpg': jpg,
      'male/001.jpg': jpg,
      'female/002.jpg': jpg,
      'male/002.jpg': jpg,
    });
    await expect(
      loadDataset(
        [file('z.zip', zip), file('l.csv', 'filename,label\n001.jpg,m\n002.jpg,f\n')],
        DEFAULT_SPLIT_OPTIONS,
        noProgress,
      ),
    ).rejects.toThrow(
      /several folders of the zip; write the folder in each row, such as female\/001.jpg/,
    );
  });

  it('counts and lists CSV rows whose image is not in the zip, and zip images without a row', async () => {
    const jpg = tinyJpeg();
    const entries: Record<string, Uint8Array> = { 'x/000030.jpg': jpg, 'x/000031.jpg': jpg };
    for (let i = 1; i <= 22; i++) entries[`x/${imageName(i)}`] = jpg;
    // Rows name images 1..27: 23..27 are not in the zip; 30 and 31 have no row.
    const files = [
      file('z.zip', await makeZip(entries)),
      file(
        'l.csv',
        kaggleCsv(27, (i) => i % 2 === 0),
      ),
    ];
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    const missing = problem(dataset.summary.problems, 'missing-image');
    expect(missing?.count).toBe(5);
    expect(missing?.examples).toEqual(
      [23, 24, 25, 26, 27].map((i) => `${imageName(i)} (row ${i + 1})`),
    );
    expect(missing?.message).toMatch(/5 rows of l\.csv name images that are not in z\.zip/);
    expect(problem(dataset.summary.problems, 'unlabelled-image')).toMatchObject({
      count: 2,
      examples: ['000030.jpg', '000031.jpg'],
    });
    expect(dataset.summary.splits.reduce((n, s) => n + s.count, 0)).toBe(22);
  });

  it('lists unreadable rows by number', async () => {
    const csv = 'filename,label\n000001.jpg,1\n000002.jpg\n000003.jpg,0\n000004.jpg,maybe\n';
    const { dataset } = await loadDataset(
      [file('z.zip', await imagesZip(4)), file('l.csv', csv)],
      DEFAULT_SPLIT_OPTIONS,
      noProgress,
    ).catch((e) => {
      throw e;
    });
    const unreadable = problem(dataset.summary.problems, 'unreadable-row');
    expect(unreadable?.count).toBe(2);
    expect(unreadable?.message).toMatch(/rows 3, 5/);
  });

  it('keeps the first N rows with "Limit images"', async () => {
    const files = await labelledImages(50, (i) => i % 2 === 0);
    const { dataset } = await loadDataset(
      files,
      { ...DEFAULT_SPLIT_OPTIONS, limit: 30 },
      noProgress,
    );
    expect(dataset.summary.splits.map((s) => s.count)).toEqual([24, 3, 3]);
    const rows = Object.values(dataset.splits)
      .flat()
      .map((r) => r.row);
    expect(Math.max(...rows)).toBe(31);
    // Rows past the limit are not problems: their images have rows.
    expect(problem(dataset.summary.problems, 'unlabelled-image')).toBeUndefined();
  });

  it('uses the partition file when one is dropped, CSV or TXT', async () => {
    const partition = Array.from(
      { length: 10 },
      (_, k) => `${imageName(k + 1)} ${k < 6 ? 0 : k < 8 ? 1 : 2}`,
    ).join('\n');
    const files = [
      ...(await labelledImages(10, (i) => i % 2 === 0, 'z.zip', 'list_attr_celeba.csv')),
      file('list_eval_partition.txt', partition),
    ];
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    expect(dataset.summary.splitSource).toBe('partition-file');
    expect(dataset.summary.partitionFile).toBe('list_eval_partition.txt');
    expect(dataset.summary.splits.map((s) => s.count)).toEqual([6, 2, 2]);
    expect(dataset.splits.test.map((r) => r.name)).toEqual([imageName(9), imageName(10)]);
  });

  it('re-maps and re-splits without reading the files again', async () => {
    const csv =
      'image_id,Smiling,Male\n' +
      Array.from(
        { length: 20 },
        (_, k) => `${imageName(k + 1)},${k < 5 ? 1 : -1},${k % 2 ? 1 : -1}`,
      ).join('\n');
    const indexed = await indexFiles(
      [file('z.zip', await imagesZip(20)), file('l.csv', csv)],
      noProgress,
    );
    const byMale = buildDataset(indexed, null, DEFAULT_SPLIT_OPTIONS);
    expect(byMale.summary.mapping.labelColumn).toBe('Male');
    const bySmile = buildDataset(
      indexed,
      { ...byMale.summary.mapping, labelColumn: 'Smiling', classValues: [[], []] },
      { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 0.5, validation: 0.25, test: 0.25 } },
    );
    expect(bySmile.summary.mapping.classValues).toEqual([['-1'], ['1']]);
    expect(bySmile.summary.splits.map((s) => s.count)).toEqual([10, 5, 5]);
    expect(bySmile.summary.splits.reduce((n, s) => n + s.classCounts[1], 0)).toBe(5);
  });

  it('picks the attribute file among the other Kaggle CSVs and says which it ignored', async () => {
    const bbox = 'image_id,x_1,y_1,width,height\n000001.jpg,95,71,226,313\n';
    const files = [
      file('z.zip', await imagesZip(10)),
      file('list_bbox_celeba.csv', bbox),
      file(
        'list_attr_celeba.csv',
        kaggleCsv(10, (i) => i > 4),
      ),
    ];
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    expect(dataset.summary.labelFile.name).toBe('list_attr_celeba.csv');
    expect(problem(dataset.summary.problems, 'ignored-entry')?.examples[0]).toMatch(
      /^list_bbox_celeba\.csv/,
    );
  });
});

describe('clear errors', () => {
  const load = async (files: File[]) => loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);

  it('no label file', async () => {
    await expect(load([file('z.zip', await imagesZip(2))])).rejects.toThrow(/^No label file/);
  });

  it('no zip', async () => {
    await expect(
      load([
        file(
          'l.csv',
          kaggleCsv(2, () => true),
        ),
      ]),
    ).rejects.toThrow(/^No image zip/);
  });

  it('a file that is not a zip, named', async () => {
    await expect(
      load([
        file('photos.zip', 'not a zip at all'),
        file(
          'l.csv',
          kaggleCsv(2, (i) => i > 1),
        ),
      ]),
    ).rejects.toThrow('photos.zip is not a zip archive');
  });

  it('a truncated zip, named', async () => {
    const zip = await imagesZip(3);
    await expect(
      load([
        file('cut.zip', zip.subarray(0, zip.length - 30)),
        file(
          'l.csv',
          kaggleCsv(3, (i) => i > 1),
        ),
      ]),
    ).rejects.toThrow(/^cut\.zip could not be read as a zip archive/);
  });

  it('a file of another kind, named', async () => {
    await expect(load([file('face.png', 'x'), file('l.csv', 'a')])).rejects.toThrow(
      'face.png is not a .zip, .csv or .txt file.',
    );
  });

  it('no recognisable image column, naming the file', async () => {
    await expect(
      load([file('z.zip', await imagesZip(2)), file('l.csv', 'a,label\n1,0\n2,1\n')]),
    ).rejects.toThrow(/l\.csv/);
  });

  it('no recognisable label column, naming the file', async () => {
    await expect(
      load([
        file('z.zip', await imagesZip(2)),
        file('l.csv', 'image_id,x_1,y_1\n000001.jpg,1,2\n'),
      ]),
    ).rejects.toThrow(/No label column in l\.csv/);
  });

  it('labels that are not exactly two classes, naming the column', async () => {
    const csv = 'filename,label\n000001.jpg,0\n000002.jpg,1\n000003.jpg,2\n';
    await expect(load([file('z.zip', await imagesZip(3)), file('l.csv', csv)])).rejects.toThrow(
      /Column "label" of l\.csv must hold exactly two classes/,
    );
  });

  it('only one class among the images found', async () => {
    const csv = 'filename,label\n000001.jpg,0\n000002.jpg,0\n000009.jpg,1\n';
    await expect(load([file('z.zip', await imagesZip(2)), file('l.csv', csv)])).rejects.toThrow(
      /only one class/,
    );
  });

  it('no image in both, with an example', async () => {
    const csv = 'filename,label\nx1.jpg,0\nx2.jpg,1\n';
    await expect(load([file('z.zip', await imagesZip(2)), file('l.csv', csv)])).rejects.toThrow(
      'No image is in both l.csv and z.zip: row 2 names x1.jpg, but the zip holds 000001.jpg, 000002.jpg.',
    );
  });

  it('bad fractions and limits', async () => {
    const files = await labelledImages(4, (i) => i > 2);
    await expect(
      loadDataset(files, { ...DEFAULT_SPLIT_OPTIONS, limit: 0 }, noProgress),
    ).rejects.toThrow(/Limit images/);
    await expect(
      loadDataset(
        files,
        { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 0.5, validation: 0.1, test: 0.1 } },
        noProgress,
      ),
    ).rejects.toThrow(/add up to 1/);
  });
});

describe('splits too small to use', () => {
  it('are problems listed first when a tiny dataset leaves one image for validation and test', async () => {
    // 12 rows at 0.8/0.1/0.1: validation and test get round(1.2) = 1 image each.
    const files = await labelledImages(12, (i) => i % 2 === 0);
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    expect(dataset.summary.splits.map((s) => s.count)).toEqual([10, 1, 1]);
    const small = dataset.summary.problems.filter((p) => p.kind === 'small-split');
    expect(small.map((p) => p.message)).toEqual([
      'The validation split has only 1 image: training needs at least 2 images in each split; use more images or a larger fraction for it.',
      'The test split has only 1 image: training needs at least 2 images in each split; use more images or a larger fraction for it.',
    ]);
    expect(dataset.summary.problems[0]?.kind).toBe('small-split');
  });

  it('are problems when the partition file names none of the images for a split', async () => {
    const partition = ['image_id,partition'];
    for (let i = 1; i <= 10; i++) partition.push(`${imageName(i)},0`);
    const files = [
      ...(await labelledImages(10, (i) => i % 2 === 0)),
      file('list_eval_partition.csv', `${partition.join('\n')}\n`),
    ];
    const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress);
    const small = dataset.summary.problems.filter((p) => p.kind === 'small-split');
    expect(small.map((p) => p.message)).toEqual([
      'The validation split is empty: training needs at least 2 images in each split; the partition file names too few of the loaded images for it.',
      'The test split is empty: training needs at least 2 images in each split; the partition file names too few of the loaded images for it.',
    ]);
  });
});

describe('a label file whose columns are not recognised', () => {
  it('is read with the zip, so the columns can be picked by hand', async () => {
    // Two columns besides the names, neither called like a label: which one is meant is not known.
    const rows = ['picture,bearded,age'];
    for (let i = 1; i <= 20; i++)
      rows.push(`${imageName(i)},${i % 2 === 0 ? 'yes' : 'no'},${20 + i}`);
    const files = [file('z.zip', await imagesZip(20)), file('l.csv', `${rows.join('\n')}\n`)];
    const failure = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, noProgress).catch((e) => e);
    expect(failure).toBeInstanceOf(NeedsMapping);
    expect(failure.message).toMatch(/^No label column in l\.csv/);
    const indexed = (failure as NeedsMapping).indexed;
    expect(indexed.labels.columns).toEqual(['picture', 'bearded', 'age']);
    const dataset = buildDataset(
      indexed,
      {
        imageColumn: 'picture',
        labelColumn: 'bearded',
        classValues: [[], []],
        classNames: ['', ''],
      },
      DEFAULT_SPLIT_OPTIONS,
    );
    expect(dataset.classNames).toEqual(['not bearded', 'bearded']);
    expect(dataset.summary.splits.map((s) => s.count)).toEqual(
      splitTotals(20, DEFAULT_SPLIT_OPTIONS.fractions),
    );
  });
});
