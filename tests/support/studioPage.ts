import { expect, type Page } from '@playwright/test';

/** Opens the studio on WASM (`query` adds to the URL, e.g. `&simulate=…`) once the worker runs it. */
export async function openStudio(page: Page, query = ''): Promise<void> {
  await page.goto(`/?backend=wasm${query}`);
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
}

/** Opens the studio and loads the demo dataset through its button; resolves when it is summarised. */
export async function loadDemo(page: Page, query = ''): Promise<void> {
  await openStudio(page, query);
  await pressDemoDataset(page);
}

/** Presses "Use demo dataset" on an open studio; resolves when the dataset is summarised. */
export async function pressDemoDataset(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Dataset summary' })).toContainText(
    'validated image filenames belonging to 2 classes',
    { timeout: 120_000 },
  );
}

/** The finished epochs of the Epoch history table (its placeholder row excluded). */
export function historyRows(page: Page) {
  return page.getByRole('table', { name: 'Epoch history' }).locator('tbody tr[data-epoch]');
}

/** Sets the Train step for a run short enough for WASM: 32 × 32 images, `epochs` epochs, no fine-tuning. */
export async function setShortRun(
  page: Page,
  { epochs = 1, batch }: { epochs?: number; batch?: number } = {},
) {
  const settings = page.getByRole('group', { name: 'Training settings' });
  await settings.getByLabel('Image size').selectOption('32');
  await settings.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await settings.getByLabel('Fine-tune epochs').fill('0');
  if (batch !== undefined) await settings.getByLabel('Batch size').fill(String(batch));
}
