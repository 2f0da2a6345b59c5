import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  headParamCount,
  trainableBaseParamCount,
  vgg16ParamCount,
} from '../../src/core/model/architecture.ts';
import { DEFAULT_MODEL_OPTIONS, OFFICIAL_WEIGHTS_FILE } from '../../src/domain/model.ts';
import { VGG16_LAYER_NAMES, vgg16Weights, writeKerasH5 } from '../support/kerasH5.ts';

const WARNING = 'random weights: expect far lower accuracy than ImageNet transfer';

/** The counts the summary must print, from the engine's shape arithmetic (unit-tested against Keras). */
const BASE = vgg16ParamCount();
const fmt = (n: number) => n.toLocaleString('en-US');

let dir = '';
let weightsPath = '';

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'model-e2e-'));
  weightsPath = join(dir, OFFICIAL_WEIGHTS_FILE);
  // Correct shapes in the official layout; the values only need to be finite.
  const weights = vgg16Weights('official', (_l, i, size) =>
    new Float32Array(size).fill(i ? 0 : 1e-3),
  );
  await writeKerasH5(weightsPath, VGG16_LAYER_NAMES, weights);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openModelStep(page: Page) {
  await page.goto('/?backend=wasm');
  const step = page.getByRole('region', { name: /Model/ }).first();
  await expect(step.getByRole('heading', { name: /Model$/ })).toBeVisible();
  return step;
}

test('the summary shows the base total and the head added to it', async ({ page }) => {
  const step = await openModelStep(page);
  const summary = step.getByRole('region', { name: 'Model summary' });
  await expect(summary).toContainText(`VGG16 base: Total params: ${fmt(BASE)}`);
  expect(BASE).toBe(14_714_688);

  // Defaults: 224 × 224 input, Flatten (7·7·512 features), one Dense of 256.
  const { inputSize } = DEFAULT_MODEL_OPTIONS;
  const defaultHead = headParamCount(inputSize, DEFAULT_MODEL_OPTIONS.head);
  await expect(summary).toContainText(`Total params: ${fmt(BASE + defaultHead)}`);
  await expect(summary).toContainText(`Trainable params: ${fmt(defaultHead)}`);
  await expect(summary).toContainText(`Non-trainable params: ${fmt(BASE)}`);
  await expect(summary.getByRole('row', { name: /block5_pool \(MaxPooling2D\)/ })).toContainText(
    '(None, 7, 7, 512)',
  );

  // Fine-tuning from block 5 adds block 5's three convolutions to the trainable count.
  await summary.getByLabel('Show summary for').selectOption('fine-tune');
  await step.getByLabel('Unfreeze from block').selectOption('5');
  await expect(summary).toContainText(
    `Trainable params: ${fmt(defaultHead + trainableBaseParamCount(5))}`,
  );
  await step.getByLabel('Unfreeze from block').selectOption('1');
  await expect(summary).toContainText(`Trainable params: ${fmt(defaultHead + BASE)}`);
  await expect(summary).toContainText('Non-trainable params: 0');

  // Another head: global average pooling, two Dense layers.
  await step.getByLabel('Pooling').selectOption('avg');
  await step.getByLabel('Dense units').fill('512, 128');
  await expect(summary).toContainText(
    `Total params: ${fmt(BASE + headParamCount(inputSize, { pooling: 'avg', dense: [512, 128], dropout: 0 }))}`,
  );
  await expect(summary.getByRole('row', { name: /dense_2 \(Dense\)/ })).toContainText('(None, 1)');

  await step.getByLabel('Dense units').fill('12x');
  await expect(step.getByText('"12x" is not a whole number')).toBeVisible();
});

test('choosing a weights file loads it, removes the warning, and survives a reload', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const step = await openModelStep(page);
  const warning = step.getByRole('note').filter({ hasText: WARNING });
  await expect(warning).toBeVisible();
  await step.getByLabel('VGG16 weights file').setInputFiles(weightsPath);
  const status = step.getByRole('status', { name: 'Weights status' });
  await expect(status).toContainText(`ImageNet weights loaded (${OFFICIAL_WEIGHTS_FILE}`, {
    timeout: 120_000,
  });
  await expect(warning).toHaveCount(0);
  await expect(status).toContainText('kept in this browser', { timeout: 60_000 });

  // Kept in IndexedDB under its hash: a reload restores it without the file.
  await page.reload();
  await expect(status).toContainText('restored from this browser', { timeout: 120_000 });
  await expect(warning).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a file that is not HDF5 is refused by name and the warning stays', async ({ page }) => {
  const step = await openModelStep(page);
  const bad = join(dir, 'bad.h5');
  writeFileSync(bad, 'not an hdf5 file');
  await step.getByLabel('VGG16 weights file').setInputFiles(bad);
  await expect(step.getByRole('alert')).toContainText('bad.h5 is not an HDF5 file');
  await expect(step.getByRole('note').filter({ hasText: WARNING })).toBeVisible();
});

test('a download that cannot connect says why', async ({ page }) => {
  const step = await openModelStep(page);
  await step.getByLabel('VGG16 weights URL').fill('http://127.0.0.1:9/vgg16.h5');
  await step.getByRole('button', { name: 'Download weights' }).click();
  await expect(step.getByRole('alert')).toContainText(
    'Could not download http://127.0.0.1:9/vgg16.h5',
  );
  await expect(step.getByRole('note').filter({ hasText: WARNING })).toBeVisible();
});
