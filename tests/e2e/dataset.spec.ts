import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { splitTotals } from '../../src/core/dataset/split.ts';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
} from '../../src/core/sample/generate.ts';
import { DEMO_IMAGE_COUNT } from '../../src/domain/dataset.ts';
import { writeSample } from '../support/sampleFiles.ts';
import { openStudio } from '../support/studioPage.ts';

const COUNT = 60;
const dir = mkdtempSync(join(tmpdir(), 'celeba-sample-'));
const path = (name: string) => join(dir, name);
let attributes = '';

test.beforeAll(async () => {
  const sample = await generateSample({ count: COUNT, seed: 2 });
  attributes = sample.attributesCsv;
  writeSample(dir, sample);
});

const found = (n: number) => `Found ${n} validated image filenames belonging to 2 classes.`;
const summary = (page: Page) => page.getByRole('status', { name: 'Dataset summary' });

test('the sample dropped through "Dataset files" shows one Found line per split', async ({
  page,
}) => {
  await openStudio(page);
  await page
    .getByLabel('Dataset files')
    .setInputFiles([SAMPLE_ZIP_NAME, SAMPLE_ATTRIBUTES_NAME, SAMPLE_PARTITION_NAME].map(path));
  const [train, validation, test] = splitTotals(COUNT, SAMPLE_PARTITION);
  for (const [name, n] of [
    ['Train', train],
    ['Validation', validation],
    ['Test', test],
  ] as const) {
    await expect(summary(page)).toContainText(`${name}: ${found(n ?? -1)}`);
  }
  await expect(summary(page)).toContainText('No problems found.');
  const samples = page.getByRole('region', { name: 'Sample images' }).getByRole('img');
  await expect(samples).toHaveCount(8);
});

test('a CSV naming 5 images absent from the zip shows them counted and listed', async ({
  page,
}) => {
  const extra = [1, 2, 3, 4, 5].map((k) => `${String(COUNT + k).padStart(6, '0')}.jpg`);
  const firstRow = attributes.split('\n')[1] ?? '';
  const rows = extra.map((name) => `${name}${firstRow.slice(firstRow.indexOf(','))}`);
  writeFileSync(path('with-missing.csv'), `${attributes}${rows.join('\n')}\n`);
  await openStudio(page);
  await page
    .getByLabel('Dataset files')
    .setInputFiles([path(SAMPLE_ZIP_NAME), path('with-missing.csv')]);
  const problems = summary(page).getByRole('list', { name: 'Dataset problems' });
  await expect(problems).toContainText(
    `5 rows of with-missing.csv name images that are not in ${SAMPLE_ZIP_NAME}`,
  );
  for (const name of extra) await expect(problems).toContainText(name);
});

test('a file that is not a zip gets a clear error and the page keeps working', async ({ page }) => {
  writeFileSync(path('photos.zip'), 'these are not the images you are looking for');
  await openStudio(page);
  await page
    .getByLabel('Dataset files')
    .setInputFiles([path('photos.zip'), path(SAMPLE_ATTRIBUTES_NAME)]);
  await expect(
    page.getByRole('alert').filter({ hasText: 'photos.zip is not a zip archive' }),
  ).toBeVisible();
  await page
    .getByLabel('Dataset files')
    .setInputFiles([path(SAMPLE_ZIP_NAME), path(SAMPLE_ATTRIBUTES_NAME)]);
  await expect(summary(page)).toContainText(found(Math.round(COUNT * 0.8)));
});

test('the demo dataset is marked synthetic and the augmentation preview renders and re-rolls', async ({
  page,
}) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await expect(summary(page)).toContainText('Synthetic demo data', { timeout: 120_000 });
  const [train] = splitTotals(DEMO_IMAGE_COUNT, SAMPLE_PARTITION);
  await expect(summary(page)).toContainText(`Train: ${found(train ?? -1)}`);
  const preview = page.getByRole('region', { name: 'Augmentation preview' });
  const images = preview.getByRole('img');
  await expect(images).toHaveCount(8);
  const sum = (canvas: HTMLElement | SVGElement) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    let total = 0;
    for (const v of data) total += v;
    return total;
  };
  const original = await page
    .getByRole('region', { name: 'Sample images' })
    .getByRole('img')
    .first()
    .evaluate(sum);
  // More than the alpha channel alone: the image has colour.
  expect(original).toBeGreaterThan(128 * 128 * 255);
  const pixels = () => images.first().evaluate(sum);
  await page.getByLabel('Rotation range').fill('30');
  await page.getByLabel('Brightness range').fill('0.5, 1.5');
  await expect.poll(pixels).not.toBe(original);
  const before = await pixels();
  await preview.getByRole('button', { name: 'Shuffle preview' }).click();
  await expect.poll(pixels).not.toBe(before);
});
