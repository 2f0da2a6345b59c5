import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import JSZip from 'jszip';
import { gradientJpeg } from '../support/gradientJpeg.ts';
import { loadDemo } from '../support/studioPage.ts';

/*
 * What the user takes away: train on the demo, save the model in the
 * browser, classify a photo, reload, load it back, and get the very same
 * probability; the download is a zip another tfjs app can read.
 */

const MODEL = 'e2e-model';
const SIZE = 32;

const PHOTO = {
  name: 'face.jpg',
  mimeType: 'image/jpeg',
  buffer: Buffer.from(gradientJpeg(64, 48, 90)),
};

/** p(class 1) as the Prediction region prints it. */
async function probability(prediction: Locator): Promise<number> {
  await expect(prediction).toContainText(/p\(.+\) = \d/);
  const text = (await prediction.textContent()) ?? '';
  const match = /p\(.+?\) = ([\d.]+)/.exec(text);
  if (!match) throw new Error(`no probability in "${text}"`);
  return Number(match[1]);
}

async function classify(page: Page): Promise<number> {
  const step = page.locator('#export');
  const prediction = step.getByRole('region', { name: 'Prediction' });
  await step.getByLabel('Photo to classify').setInputFiles(PHOTO);
  await expect(step.getByRole('img', { name: `To classify: ${PHOTO.name}` })).toBeVisible();
  await expect(step.getByRole('img', { name: `Model input (${SIZE}×${SIZE})` })).toBeVisible();
  return probability(prediction);
}

test('a trained model saved in the browser predicts the same after a reload; the download is a tfjs zip', async ({
  page,
  browser,
}) => {
  test.setTimeout(600_000);
  await loadDemo(page);
  const settings = page.getByRole('group', { name: 'Training settings' });
  await settings.getByLabel('Image size').selectOption(String(SIZE));
  await settings.getByLabel('Epochs', { exact: true }).fill('1');
  await settings.getByLabel('Batch size').fill('32');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText('Test Accuracy:', {
    timeout: 480_000,
  });

  const step = page.locator('#export');
  await expect(step.getByRole('status', { name: 'Model in use' })).toContainText('the current run');
  await step.getByLabel('Model name').fill(MODEL);
  await step.getByRole('button', { name: 'Save to browser storage' }).click();
  const saved = step.getByRole('table', { name: 'Saved models' });
  const row = saved.getByRole('row', { name: new RegExp(MODEL) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/\d+\.\d MB/);
  await expect(row).toContainText(/\d+\.\d\d %/);

  const before = await classify(page);
  expect(before).toBeGreaterThanOrEqual(0);
  expect(before).toBeLessThanOrEqual(1);

  const downloading = page.waitForEvent('download');
  await step.getByRole('button', { name: 'Download model (.zip)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${MODEL}.zip`);
  const zipPath = await download.path();
  const zip = await JSZip.loadAsync(await readFile(zipPath));
  const modelJson = JSON.parse((await zip.file('model.json')?.async('string')) ?? '{}');
  const paths: string[] = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    expect(path).toMatch(/^group1-shard\d+of\d+\.bin$/);
    expect(zip.file(path)).not.toBeNull();
  }
  const metadata = JSON.parse((await zip.file('metadata.json')?.async('string')) ?? '{}');
  expect(metadata.name).toBe(MODEL);
  expect(metadata.inputSize).toBe(SIZE);
  expect(metadata.preprocessing.mode).toBe('caffe');
  expect(metadata.test.accuracy).toBeGreaterThanOrEqual(0);
  expect(metadata.backend.name).toBe('wasm');

  const csv = page.waitForEvent('download');
  await step.getByRole('button', { name: 'Download history (.csv)' }).click();
  const history = (await readFile(await (await csv).path())).toString('utf8').trim().split('\n');
  expect(history[0]).toBe('epoch,phase,loss,accuracy,val_loss,val_accuracy,seconds');
  // One epoch was asked for: one row under the header.
  expect(history).toHaveLength(2);
  expect(history[1]).toMatch(/^1,head,/);

  await page.reload();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: `Load saved model ${MODEL}` }).click();
  await expect(step.getByRole('status', { name: 'Model in use' })).toContainText(
    `loaded “${MODEL}” from browser storage`,
  );
  const after = await classify(page);
  expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-4);

  // The downloaded zip loads as well, with the same answer.
  const named = test.info().outputPath(`${MODEL}.zip`);
  await download.saveAs(named);
  await step.getByLabel('Load model', { exact: true }).setInputFiles(named);
  await expect(step.getByRole('status', { name: 'Model in use' })).toContainText(
    `loaded “${MODEL}” from ${MODEL}.zip`,
  );
  const fromZip = await classify(page);
  expect(Math.abs(fromZip - before)).toBeLessThanOrEqual(1e-4);

  // A full quota, in a fresh browser profile: a clear message, and the download still works.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const origin = new URL(page.url()).origin;
  // Set before the page first opens IndexedDB: Chromium reads the quota when storage is first used.
  const cdp = await context.newCDPSession(fresh);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 100_000 });
  await fresh.goto(`${origin}/?backend=wasm`);
  const freshStep = fresh.locator('#export');
  await freshStep.getByLabel('Load model', { exact: true }).setInputFiles(named);
  await expect(freshStep.getByRole('status', { name: 'Model in use' })).toContainText(
    `loaded “${MODEL}”`,
  );
  await freshStep.getByRole('button', { name: 'Save to browser storage' }).click();
  await expect(freshStep.getByRole('alert')).toContainText(
    /Browser storage is unavailable \(.*storage quota is full.*\): the model was not saved\. Download it instead\./,
  );
  await expect(freshStep.getByRole('table', { name: 'Saved models' })).toHaveCount(0);
  const again = fresh.waitForEvent('download');
  await freshStep.getByRole('button', { name: 'Download model (.zip)' }).click();
  expect((await again).suggestedFilename()).toBe(`${MODEL}.zip`);
  await context.close();
});
