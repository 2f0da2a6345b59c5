import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { splitTotals } from '../../src/core/dataset/split.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { CELEBA_IMAGES, fullCeleba } from '../support/fullCeleba.ts';
import { setShortRun } from '../support/studioPage.ts';
import { writePng, writeZip } from '../support/zipWriter.ts';

const dir = mkdtempSync(join(tmpdir(), 'celeba-hostile-'));
const path = (name: string) => join(dir, name);

async function open(page: Page) {
  await page.goto('/?backend=wasm');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
}

const found = (n: number) => `Found ${n} validated image filenames belonging to 2 classes.`;
const summary = (page: Page) => page.getByRole('status', { name: 'Dataset summary' });

test('the full CelebA name list without a partition file loads and splits by the fractions', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const files = fullCeleba();
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([files.zip, files.csv]);
  const [train, validation, test_] = splitTotals(CELEBA_IMAGES, DEFAULT_SPLIT_OPTIONS.fractions);
  await expect(summary(page)).toContainText(`Train: ${found(train ?? -1)}`, { timeout: 480_000 });
  await expect(summary(page)).toContainText(`Validation: ${found(validation ?? -1)}`);
  await expect(summary(page)).toContainText(`Test: ${found(test_ ?? -1)}`);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the same file names in two class folders get their own folder’s label, and the collision is reported', async ({
  page,
}) => {
  const PER_CLASS = 30;
  // Women red, men blue: the sample images then show which file each row was paired with.
  const solid = (rgb: [number, number, number]) =>
    writePng(16, 16, () => Uint8Array.from({ length: 16 * 3 }, (_, i) => rgb[i % 3] ?? 0));
  const entries = [];
  const rows = ['path,gender'];
  for (let i = 1; i <= PER_CLASS; i++) {
    const name = `${String(i).padStart(3, '0')}.png`;
    entries.push({ path: `faces/female/${name}`, data: solid([230, 20, 20]) });
    entries.push({ path: `faces/male/${name}`, data: solid([20, 20, 230]) });
    rows.push(`female/${name},F`, `male/${name},M`);
  }
  writeFileSync(path('faces.zip'), writeZip(entries));
  writeFileSync(path('labels.csv'), `${rows.join('\n')}\n`);
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([path('faces.zip'), path('labels.csv')]);
  const [train] = splitTotals(PER_CLASS * 2, DEFAULT_SPLIT_OPTIONS.fractions);
  await expect(summary(page)).toContainText(`Train: ${found(train ?? -1)}`);
  const problems = summary(page).getByRole('list', { name: 'Dataset problems' });
  await expect(problems).toContainText(
    `${PER_CLASS} file names occur in more than one folder of faces.zip`,
  );
  // Nothing else was skipped: no missing, unlabelled or ambiguous rows.
  await expect(problems.getByRole('listitem')).toHaveCount(1);

  const samples = page.getByRole('region', { name: 'Sample images' }).getByRole('img');
  await expect(samples).toHaveCount(8);
  for (const sample of await samples.all()) {
    const label = (await sample.getAttribute('aria-label')) ?? '';
    const [red, , blue] = await sample.evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const d = c.getContext('2d')?.getImageData(c.width / 2, c.height / 2, 1, 1).data;
      return [d?.[0] ?? 0, d?.[1] ?? 0, d?.[2] ?? 0];
    });
    const folder = label.startsWith('male/') ? 'male' : 'female';
    expect(label).toMatch(new RegExp(`^${folder}/\\d{3}\\.png: ${folder}$`));
    if (folder === 'male') expect(blue).toBeGreaterThan(red ?? 0);
    else expect(red).toBeGreaterThan(blue ?? 0);
  }
});

test('a CSV without a recognised label column offers its columns, and the load goes on with the pick', async ({
  page,
}) => {
  const COUNT = 20;
  const grey = writePng(8, 8, () => new Uint8Array(8 * 3).fill(128));
  const entries = [];
  const rows = ['picture,bearded,age'];
  for (let i = 1; i <= COUNT; i++) {
    entries.push({ path: `img/${i}.png`, data: grey });
    rows.push(`${i}.png,${i % 2 === 0 ? 'Yes' : 'no'},${20 + i}`);
  }
  writeFileSync(path('people.zip'), writeZip(entries));
  writeFileSync(path('people.csv'), `${rows.join('\n')}\n`);
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([path('people.zip'), path('people.csv')]);
  await expect(
    page.getByRole('alert').filter({ hasText: 'No label column in people.csv' }),
  ).toBeVisible();
  const picker = page.getByRole('group', { name: 'Pick the columns' });
  await picker.getByLabel('Column with the image names').selectOption('picture');
  await picker.getByLabel('Column with the labels').selectOption('bearded');
  await picker.getByRole('button', { name: 'Use these columns' }).click();
  const [train] = splitTotals(COUNT, DEFAULT_SPLIT_OPTIONS.fractions);
  await expect(summary(page)).toContainText(`Train: ${found(train ?? -1)}`);
  await expect(summary(page).getByRole('table', { name: 'Class counts' })).toContainText(
    'not bearded',
  );
  await expect(picker).toHaveCount(0);
});

test('a dataset too small for a validation and a test split says why training cannot start', async ({
  page,
}) => {
  const grey = writePng(8, 8, () => new Uint8Array(8 * 3).fill(128));
  const entries = [];
  const rows = ['filename,label'];
  // 12 images at 0.8/0.1/0.1 leave round(1.2) = 1 image each for validation and test.
  for (let i = 1; i <= 12; i++) {
    entries.push({ path: `${i}.png`, data: grey });
    rows.push(`${i}.png,${i % 2 === 0 ? 'm' : 'f'}`);
  }
  writeFileSync(path('tiny.zip'), writeZip(entries));
  writeFileSync(path('tiny.csv'), `${rows.join('\n')}\n`);
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([path('tiny.zip'), path('tiny.csv')]);
  const problems = summary(page).getByRole('list', { name: 'Dataset problems' });
  await expect(problems).toContainText('The validation split has only 1 image');
  await expect(problems).toContainText('The test split has only 1 image');
  await expect(summary(page)).not.toContainText('No problems found.');
  const start = page.getByRole('button', { name: 'Start training' });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(/The validation split has only 1 image/);
});

/** Grey 8×8 PNGs named `names[i]`, labelled f/m in turn: a zip and its label rows. */
function greyImages(names: readonly string[]) {
  const grey = writePng(8, 8, () => new Uint8Array(8 * 3).fill(128));
  return {
    entries: names.map((name) => ({ path: `faces/${name}`, data: grey })),
    rows: names.map((name, i) => `${name},${i % 2 === 0 ? 'f' : 'm'}`),
  };
}

async function expectFoundAll(page: Page, count: number) {
  const [train, validation, test_] = splitTotals(count, DEFAULT_SPLIT_OPTIONS.fractions);
  await expect(summary(page)).toContainText(`Train: ${found(train ?? -1)}`);
  await expect(summary(page)).toContainText(`Validation: ${found(validation ?? -1)}`);
  await expect(summary(page)).toContainText(`Test: ${found(test_ ?? -1)}`);
}

test('a run that fails keeps its reason on screen and in Runs', async ({ page }) => {
  test.setTimeout(300_000);
  const COUNT = 20;
  // JPEG headers over damaged bodies, as a broken download leaves them: indexing takes them, decoding cannot.
  const damaged = new Uint8Array(200).fill(0x55);
  damaged.set([0xff, 0xd8, 0xff, 0xe0]);
  const names = Array.from({ length: COUNT }, (_, i) => `broken${i + 1}.jpg`);
  writeFileSync(path('broken.zip'), writeZip(names.map((n) => ({ path: n, data: damaged }))));
  const rows = names.map((n, i) => `${n},${i % 2 === 0 ? 'f' : 'm'}`);
  writeFileSync(path('broken.csv'), `filename,label\n${rows.join('\n')}\n`);
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([path('broken.zip'), path('broken.csv')]);
  await expectFoundAll(page, COUNT);

  await setShortRun(page);
  await page.getByRole('button', { name: 'Start training' }).click();
  const [train] = splitTotals(COUNT, DEFAULT_SPLIT_OPTIONS.fractions);
  const reason = `Epoch 1: none of the ${train} training images could be decoded, so there was nothing to train on.`;
  const status = page.getByRole('status', { name: 'Training status' });
  await expect(status).toContainText(`failed — ${reason}`, { timeout: 240_000 });
  await expect(page.getByRole('note', { name: 'Skipped images' })).toContainText('broken');
  const runs = page.getByRole('table', { name: 'Runs table' });
  await expect(runs.getByRole('row').nth(1)).toContainText(`failed: ${reason}`);
  // The run list arrived after the failure: the reason is still what the status says.
  await expect(status).toContainText(reason);

  await page.reload();
  await expect(
    page.getByRole('table', { name: 'Runs table' }).getByRole('row').nth(1),
  ).toContainText(`failed: ${reason}`, { timeout: 60_000 });
});

/** A label file's text in Windows-1252 (every character used here is in Latin-1, where the two agree). */
const windows1252 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** CP437's byte for é, as Windows' "Compressed folder" writes it in names without the UTF-8 flag. */
const CP437_E_ACUTE = 0x82;

const encodingCases: {
  title: string;
  files: () => string[];
  says: string[];
}[] = [
  {
    title: 'an attribute file in UTF-16 LE with a byte-order mark (Excel "Unicode Text")',
    files: () => {
      const names = Array.from({ length: 20 }, (_, i) => `photo${i + 1}.png`);
      const { entries } = greyImages(names);
      const lines = ['image_id\tMale', ...names.map((n, i) => `${n}\t${i % 2 === 0 ? -1 : 1}`)];
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le'),
      ]);
      writeFileSync(path('unicode.zip'), writeZip(entries));
      writeFileSync(path('unicode.txt'), utf16);
      return [path('unicode.zip'), path('unicode.txt')];
    },
    says: ['unicode.txt (20 rows, read as UTF-16 LE)'],
  },
  {
    title: 'a CSV in Windows-1252 naming files with accents',
    files: () => {
      const names = Array.from({ length: 20 }, (_, i) => `café${i + 1}.png`);
      const { entries, rows } = greyImages(names);
      writeFileSync(path('accents.zip'), writeZip(entries));
      writeFileSync(path('accents.csv'), windows1252(`filename,label\n${rows.join('\n')}\n`));
      return [path('accents.zip'), path('accents.csv')];
    },
    says: [
      'accents.csv (20 rows, read as Windows-1252)',
      'accents.csv is not valid UTF-8; it was read as Windows-1252.',
    ],
  },
  {
    title: 'a zip whose names are CP437 without the UTF-8 flag',
    files: () => {
      const names = Array.from({ length: 20 }, (_, i) => `café${i + 1}.png`);
      const { entries, rows } = greyImages(names);
      const cp437 = entries.map((e, i) => ({
        ...e,
        rawName: Uint8Array.from([
          ...Buffer.from('faces/caf'),
          CP437_E_ACUTE,
          ...Buffer.from(`${i + 1}.png`),
        ]),
      }));
      writeFileSync(path('windows.zip'), writeZip(cp437));
      writeFileSync(path('windows.csv'), `filename,label\n${rows.join('\n')}\n`);
      return [path('windows.zip'), path('windows.csv')];
    },
    says: ['names read as CP437'],
  },
  {
    title: 'macOS (NFD) names in the zip against NFC names in the CSV',
    files: () => {
      const nfc = Array.from({ length: 20 }, (_, i) => `café${i + 1}.png`);
      const { entries, rows } = greyImages(nfc.map((n) => n.normalize('NFD')));
      const nfcRows = rows.map((r) => r.normalize('NFC'));
      expect(nfcRows[0]).not.toBe(rows[0]);
      writeFileSync(path('mac.zip'), writeZip(entries));
      writeFileSync(path('mac.csv'), `filename,label\n${nfcRows.join('\n')}\n`);
      return [path('mac.zip'), path('mac.csv')];
    },
    says: ['mac.csv (20 rows, read as UTF-8)', 'names read as UTF-8'],
  },
];

for (const { title, files, says } of encodingCases) {
  test(`text encodings: ${title} loads, and the page says which encoding was read`, async ({
    page,
  }) => {
    const dropped = files();
    await open(page);
    await page.getByLabel('Dataset files').setInputFiles(dropped);
    await expectFoundAll(page, 20);
    for (const text of says) await expect(summary(page)).toContainText(text);
    // Every row found its image: nothing is reported missing or unlabelled.
    await expect(summary(page)).not.toContainText('not in');
    await expect(summary(page)).not.toContainText('have no row');
  });
}

test('formats the decoder does not read are named, counted as skipped, and left out of the Found lines', async ({
  page,
}) => {
  const COUNT = 20;
  const names = Array.from({ length: COUNT }, (_, i) => `ok${i + 1}.png`);
  const { entries, rows } = greyImages(names);
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const odd = [
    [
      'a.webp',
      ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 '),
      'a WebP image: convert to JPEG or PNG',
    ],
    ['b.jpg', ascii('GIF89a\u0001\u0000\u0001\u0000'), 'a GIF image: convert to JPEG or PNG'],
    [
      'c.zip',
      writeZip([{ path: 'x.png', data: entries[0]?.data ?? new Uint8Array() }]),
      'a zip inside the zip: unzip it first',
    ],
    ['d.jpg', new Uint8Array(0), '0 bytes: the download did not finish'],
  ] as const;
  for (const [name, data] of odd) entries.push({ path: `faces/${name}`, data });
  const oddRows = odd.map(([name], i) => `${name},${i % 2 === 0 ? 'f' : 'm'}`);
  writeFileSync(path('formats.zip'), writeZip(entries));
  writeFileSync(path('formats.csv'), `filename,label\n${[...oddRows, ...rows].join('\n')}\n`);
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles([path('formats.zip'), path('formats.csv')]);
  await expectFoundAll(page, COUNT);
  const problems = summary(page).getByRole('list', { name: 'Dataset problems' });
  const kinds = odd.map(([, , why]) => `${why} (1)`).join('; ');
  await expect(problems).toContainText(
    `${odd.length} rows of formats.csv name files of formats.zip that are not JPEG or PNG images (${kinds}); they were skipped.`,
  );
  // Each named with its row (the header is row 1).
  for (const [i, [name, , why]] of odd.entries()) {
    await expect(problems).toContainText(`${name}: ${why} (row ${i + 2})`);
  }
  await expect(summary(page)).not.toContainText('not in formats.zip');
});
