import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import JSZip from 'jszip';
import { splitTotals } from '../../src/core/dataset/split.ts';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION,
  SAMPLE_PARTITION_NAME,
} from '../../src/core/sample/generate.ts';
import { DEMO_IMAGE_COUNT } from '../../src/domain/dataset.ts';
import { officialLayout } from '../support/celebaArchives.ts';
import { writeSample } from '../support/sampleFiles.ts';
import { setShortRun } from '../support/studioPage.ts';

/*
 * Every load is one transaction: a newer drop replaces one in flight, Cancel
 * stops it, a failed one leaves the dataset in use, and a drop during a run
 * waits for an answer. A folder loads like its zip.
 */

const COUNT = 60;
const ZIP = 'sample.zip';
const dir = mkdtempSync(join(tmpdir(), 'celeba-loads-'));
const path = (name: string) => join(dir, name);
const folder = join(dir, 'celeba');

test.beforeAll(async () => {
  const sample = await generateSample({ count: COUNT, seed: 4 });
  writeSample(dir, sample, ZIP);
  writeFileSync(path('photos.zip'), 'holiday pictures, honestly');
  // The same images unzipped, with the label files beside their folder.
  const zip = await JSZip.loadAsync(sample.zip);
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const target = join(folder, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('uint8array'));
  }
  writeFileSync(join(folder, SAMPLE_ATTRIBUTES_NAME), sample.attributesCsv);
  writeFileSync(join(folder, SAMPLE_PARTITION_NAME), sample.partitionCsv);
});

const sampleFiles = () => [ZIP, SAMPLE_ATTRIBUTES_NAME, SAMPLE_PARTITION_NAME].map(path);
const found = (n: number) => `Found ${n} validated image filenames belonging to 2 classes.`;
const summary = (page: Page) => page.getByRole('status', { name: 'Dataset summary' });
const inUse = (page: Page) => page.getByRole('region', { name: 'Dataset in use' });

async function open(page: Page) {
  await page.goto('/?backend=wasm');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
}

async function expectSample(page: Page) {
  const [train = 0, validation = 0, test = 0] = splitTotals(COUNT, SAMPLE_PARTITION);
  await expect(summary(page)).toContainText(`Train: ${found(train)}`, { timeout: 60_000 });
  await expect(summary(page)).toContainText(`Validation: ${found(validation)}`);
  await expect(summary(page)).toContainText(`Test: ${found(test)}`);
}

/** The summary with the image source's name and the indexing time taken out, to compare a zip with its folder. */
async function summaryText(page: Page, source: string): Promise<string> {
  return ((await summary(page).textContent()) ?? '')
    .replaceAll(source, '<images>')
    .replace(/indexed in [\d.]+ s/, 'indexed');
}

test('a chosen folder gives the same summary and split as its zip', async ({ page }) => {
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  await expectSample(page);
  const fromZip = await summaryText(page, ZIP);

  await page.getByLabel('Choose image folder').setInputFiles(folder);
  const folderName = 'celeba/img_align_celeba/img_align_celeba';
  await expect(inUse(page)).toContainText(`In use: ${folderName} with ${SAMPLE_ATTRIBUTES_NAME}`);
  await expectSample(page);
  expect(await summaryText(page, folderName)).toBe(fromZip);
});

/** Every file under `root`, with its path from `root`'s parent ("celeba/…") and its bytes. */
function folderFiles(root: string): { path: string; base64: string }[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      return { path: relative(dirname(root), full), base64: readFileSync(full).toString('base64') };
    });
}

/**
 * Drops a folder on the drop zone as Chromium hands one over: the drop's
 * items give directory entries whose readers answer in batches (here of
 * `batch` entries, later than asked) and then with an empty batch. A real
 * OS folder cannot be dragged in a headless browser, so the entries are
 * built in the page from the files' bytes.
 */
async function dropFolder(page: Page, files: { path: string; base64: string }[], batch: number) {
  await page.getByRole('region', { name: 'Drop zone' }).evaluate(
    (zone, { files, batch }) => {
      type Node = { name: string; fullPath: string; file?: File; children?: Node[] };
      const root: Node = { name: '', fullPath: '', children: [] };
      for (const { path, base64 } of files) {
        const parts = path.split('/');
        let at = root;
        parts.forEach((name, i) => {
          const fullPath = `/${parts.slice(0, i + 1).join('/')}`;
          let child = at.children?.find((c) => c.name === name);
          if (!child) {
            const last = i === parts.length - 1;
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            child = last
              ? { name, fullPath, file: new File([bytes], name) }
              : { name, fullPath, children: [] };
            at.children?.push(child);
          }
          at = child;
        });
      }
      const later = (then: () => void) => setTimeout(then, 5);
      const entry = (node: Node): object =>
        node.file
          ? {
              isFile: true,
              isDirectory: false,
              name: node.name,
              fullPath: node.fullPath,
              file: (ok: (file: File) => void) => later(() => ok(node.file as File)),
            }
          : {
              isFile: false,
              isDirectory: true,
              name: node.name,
              fullPath: node.fullPath,
              createReader: () => {
                let next = 0;
                const children = node.children ?? [];
                return {
                  readEntries: (ok: (entries: object[]) => void) =>
                    later(() => {
                      ok(children.slice(next, next + batch).map(entry));
                      next += batch;
                    }),
                };
              },
            };
      const items = (root.children ?? []).map((node) => ({ webkitGetAsEntry: () => entry(node) }));
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { items, files: [] } });
      zone.dispatchEvent(drop);
    },
    { files, batch },
  );
}

test('a dropped folder gives the same summary and split as its zip', async ({ page }) => {
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  await expectSample(page);
  const fromZip = await summaryText(page, ZIP);

  const files = folderFiles(folder);
  // The images lie three folders down, more of them than one batch of entries holds.
  const batch = 25;
  expect(files.filter((f) => f.path.split('/').length === 4).length).toBeGreaterThan(2 * batch);
  await dropFolder(page, files, batch);
  const folderName = 'celeba/img_align_celeba/img_align_celeba';
  await expect(inUse(page)).toContainText(`In use: ${folderName} with ${SAMPLE_ATTRIBUTES_NAME}`);
  await expectSample(page);
  expect(await summaryText(page, folderName)).toBe(fromZip);
});

test('a drop during indexing replaces the load in flight; Cancel stops one and keeps the data in use', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const big = officialLayout();
  const bigFiles = [big.zip, big.attributes, big.partition ?? ''];
  await open(page);

  // A newer drop while 202,599 entries are indexing: the newer one ends in use.
  await page.getByLabel('Dataset files').setInputFiles(bigFiles);
  const progress = page.getByRole('progressbar', { name: 'Dataset progress' });
  await expect(page.getByText(/^Indexing img_align_celeba\.zip/)).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  await expectSample(page);
  await expect(inUse(page)).toContainText(`In use: ${ZIP} with ${SAMPLE_ATTRIBUTES_NAME}`);
  await expect(progress).toHaveCount(0);

  // Cancel: the sample stays in use, and the page says so.
  await page.getByLabel('Dataset files').setInputFiles(bigFiles);
  await expect(page.getByText(/^Indexing img_align_celeba\.zip/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/\d+ entries\/s · about \d\d:\d\d left/)).toBeVisible({
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Cancel loading' }).click();
  await expect(inUse(page)).toContainText(
    'Loading img_align_celeba.zip and 2 more files was cancelled.',
  );
  await expect(inUse(page)).toContainText(`Still in use: ${ZIP} with ${SAMPLE_ATTRIBUTES_NAME}`);
  await expect(progress).toHaveCount(0);
  await expectSample(page);
});

test('a failed drop leaves the dataset in use and says so', async ({ page }) => {
  await open(page);
  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  await expectSample(page);
  await page
    .getByLabel('Dataset files')
    .setInputFiles([path('photos.zip'), path(SAMPLE_ATTRIBUTES_NAME)]);
  await expect(page.getByRole('alert')).toContainText('photos.zip is not a zip archive');
  await expect(inUse(page)).toContainText(`Still in use: ${ZIP} with ${SAMPLE_ATTRIBUTES_NAME}`);
  await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();
});

test('a drop during a run asks first, then stops the run and loads', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await expect(inUse(page)).toContainText('In use: the demo dataset', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 120_000 });

  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  const dialog = page.getByRole('alertdialog', { name: 'A run is training' });
  await expect(dialog).toContainText(`Load ${ZIP} and 2 more files now`);
  // Nothing is loaded while the question is open.
  await expect(inUse(page)).toContainText('In use: the demo dataset');
  await dialog.getByRole('button', { name: 'Stop the run and load' }).click();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('stopped', {
    timeout: 120_000,
  });
  await expect(inUse(page)).toContainText(`In use: ${ZIP} with ${SAMPLE_ATTRIBUTES_NAME}`, {
    timeout: 60_000,
  });
  await expectSample(page);
});

test('a drop during a run can wait: the run ends on its data, then the dropped files load', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await open(page);
  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await expect(inUse(page)).toContainText('In use: the demo dataset', { timeout: 120_000 });
  await setShortRun(page, { batch: 32 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 120_000 });

  await page.getByLabel('Dataset files').setInputFiles(sampleFiles());
  const dialog = page.getByRole('alertdialog', { name: 'A run is training' });
  await dialog.getByRole('button', { name: 'Load when the run ends' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByText(`${ZIP} and 2 more files will load when the run ends.`),
  ).toBeVisible();
  // The run goes on with the data it started with.
  await expect(inUse(page)).toContainText('In use: the demo dataset');
  const status = page.getByRole('status', { name: 'Training status' });
  await expect(status).not.toContainText('stopped');

  // The run finishes and is tested on the demo's test split, not the sample's.
  await expect(status).toContainText('finished', { timeout: 300_000 });
  const demoTest = splitTotals(DEMO_IMAGE_COUNT, SAMPLE_PARTITION)[2] ?? 0;
  const sampleTest = splitTotals(COUNT, SAMPLE_PARTITION)[2] ?? 0;
  expect(demoTest).not.toBe(sampleTest);
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText(
    `${demoTest} images of the test split`,
  );
  // Then the queued files load and are the dataset in use.
  await expect(inUse(page)).toContainText(`In use: ${ZIP} with ${SAMPLE_ATTRIBUTES_NAME}`, {
    timeout: 60_000,
  });
  await expectSample(page);
  await expect(page.getByText('will load when the run ends')).toHaveCount(0);
  // The finished run's record still names what it trained on: the demo's synthetic faces.
  const run = page
    .getByRole('table', { name: 'Runs table' })
    .getByRole('row', { name: /finished/ });
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('synthetic');
});
