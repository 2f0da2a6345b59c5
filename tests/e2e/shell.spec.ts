import { expect, test } from '@playwright/test';

test('the page loads without console errors and the worker answers', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CelebA');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
  for (const name of ['Dataset', 'Model', 'Train', 'Evaluate', 'Export']) {
    // Step regions are named "<number> <title>"; steps hold regions of their own ("Model summary").
    await expect(page.getByRole('region', { name: new RegExp(`^\\d+ ${name}`) })).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('forcing wasm shows it with its reason', async ({ page }) => {
  await page.goto('/?backend=wasm');
  const badge = page.getByLabel('Compute backend');
  await expect(badge).toContainText('wasm — forced by ?backend=wasm', { timeout: 60_000 });
});

test('the page is cross-origin isolated so WASM can use threads', async ({ page }) => {
  await page.goto('/?backend=wasm');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await expect(page.getByLabel('Compute backend')).toContainText('threads on', { timeout: 60_000 });
});

test('with nothing forced and no GPU it picks WASM and says why', async ({ page }) => {
  await page.goto('/');
  const badge = page.getByLabel('Compute backend');
  await expect(badge).toContainText(/^wasm/, { timeout: 60_000 });
  await expect(badge).toContainText('no hardware WebGPU adapter');
});

test('the WASM binaries come from the app origin', async ({ page, baseURL }) => {
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasmRequests.push(request.url());
  });
  await page.goto('/?backend=wasm');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
  expect(wasmRequests.length).toBeGreaterThan(0);
  for (const url of wasmRequests) expect(url.startsWith(baseURL ?? '')).toBe(true);
});
