import { expect, test } from '@playwright/test';
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
});

test('a one-epoch run on a few images completes on WebGPU and reports it', async ({ page }) => {
  test.setTimeout(600_000);
  const sample = await generateSample({ count: 24, seed: 7 });
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
  await page.getByLabel('Image size').selectOption('32');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByLabel('Fine-tune epochs').fill('0');
  await page.getByRole('button', { name: 'Start training' }).click();
  const rows = page.getByRole('table', { name: 'Epoch history' }).locator('tbody tr[data-epoch]');
  await expect(rows).toHaveCount(1, { timeout: 500_000 });
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText('Test Accuracy:', {
    timeout: 120_000,
  });
  await expect(page.getByRole('table', { name: 'Runs table' })).toContainText('webgpu');
});
