import { expect, type Page, test } from '@playwright/test';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
} from '../../src/core/sample/generate.ts';

test('forcing webgpu uses the SwiftShader adapter and says so', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  const badge = page.getByLabel('Compute backend');
  await expect(badge).toContainText(/^webgpu — forced by \?backend=webgpu/, { timeout: 90_000 });
  await expect(badge).toContainText('software adapter');
  // The composed convolution kernels replace tfjs's before training; ?kernels=tfjs keeps tfjs's own.
  await expect(badge).toContainText(
    'composed kernels for Conv2DBackpropFilter, Conv2D, FusedConv2D',
  );
  await page.goto('/?backend=webgpu&kernels=tfjs');
  await expect(badge).toContainText(/^webgpu — forced/, { timeout: 90_000 });
  await expect(badge).not.toContainText('composed kernels');
});

/** Drops a 20-image sample (16/2/2: every split holds the two images training needs) and trains one epoch at 32 px, augmentation off, on the forced adapter. */
async function trainOneEpoch(page: Page): Promise<void> {
  const sample = await generateSample({ count: 20, seed: 7 });
  await page.goto('/?backend=webgpu');
  await expect(page.getByLabel('Compute backend')).toContainText(/^webgpu/, { timeout: 90_000 });
  await page.getByLabel('Dataset files').setInputFiles([
    { name: SAMPLE_ZIP_NAME, mimeType: 'application/zip', buffer: Buffer.from(sample.zip) },
    {
      name: SAMPLE_ATTRIBUTES_NAME,
      mimeType: 'text/csv',
      buffer: Buffer.from(sample.attributesCsv),
    },
    { name: SAMPLE_PARTITION_NAME, mimeType: 'text/csv', buffer: Buffer.from(sample.partitionCsv) },
  ]);
  await expect(page.getByRole('status', { name: 'Dataset summary' })).toContainText('Found', {
    timeout: 60_000,
  });
  // Augmentation off: the frozen base then runs once per image (feature cache), which keeps the
  // software adapter's work small.
  await page.getByLabel('Horizontal flip').uncheck();
  await page.getByLabel('Rotation range').fill('0');
  await page.getByLabel('Zoom range').fill('0');
  await page.getByLabel('Width shift').fill('0');
  await page.getByLabel('Height shift').fill('0');
  await page.getByLabel('Image size').selectOption('32');
  await page.getByLabel('Batch size', { exact: true }).fill('4');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByLabel('Fine-tune epochs').fill('0');
  await page.getByRole('button', { name: 'Start training' }).click();
  const rows = page.getByRole('table', { name: 'Epoch history' }).locator('tbody tr[data-epoch]');
  await expect(rows).toHaveCount(1, { timeout: 500_000 });
}

test('the WebGPU run then reports test results and is recorded as webgpu', async ({ page }) => {
  test.setTimeout(600_000);
  await trainOneEpoch(page);
  await expect(page.getByLabel('Compute backend')).toContainText(/^webgpu/);
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText('Test Accuracy:', {
    timeout: 120_000,
  });
  await expect(page.getByRole('table', { name: 'Runs table' })).toContainText('webgpu');
});
