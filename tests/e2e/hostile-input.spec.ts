import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { splitTotals } from '../../src/core/dataset/split.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { CELEBA_IMAGES, fullCeleba } from '../support/fullCeleba.ts';
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
