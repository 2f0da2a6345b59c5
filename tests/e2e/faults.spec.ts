import { expect, type Page, test } from '@playwright/test';
import { historyRows, loadDemo } from '../support/studioPage.ts';

/**
 * Faults during a run: the worker dies, the device goes away, and nothing of
 * the dataset may leave the page while it trains. Each fault is injected
 * through `?simulate=`, which arms it inside the real worker.
 */

const RUN_TIMEOUT = 240_000;
/** Two epochs: the fault strikes after the first checkpoint, the resume runs the second. */
const EPOCHS = 2;

async function loadSmallDemo(page: Page, query: string): Promise<void> {
  await loadDemo(page, query);
  // Smallest images: the faults, not the arithmetic, are under test.
  await page.getByLabel('Image size').selectOption('32');
  await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS));
}

async function resumeToTheEnd(page: Page, firstEpoch: string): Promise<void> {
  const resume = page.getByRole('button', { name: 'Resume run' });
  await expect(resume).toBeVisible({ timeout: 60_000 });
  await resume.click();
  // The resumed run starts from the checkpoint: epoch 1 as it was, then epoch 2.
  await expect(historyRows(page)).toHaveCount(EPOCHS, { timeout: RUN_TIMEOUT });
  await expect(historyRows(page).first()).toHaveText(firstEpoch);
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText(
    /Test Accuracy: \d\.\d{3}/,
    { timeout: 60_000 },
  );
}

test('a worker that crashes mid-run is reported, restarted, and the run resumes from its checkpoint', async ({
  page,
}) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  await loadSmallDemo(page, '&simulate=worker-crash-after-epoch-1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(historyRows(page)).toHaveCount(1, { timeout: RUN_TIMEOUT });
  const firstEpoch = (await historyRows(page).first().textContent()) ?? '';

  await expect(
    page.getByRole('alert').filter({ hasText: /Worker crashed: .*It was restarted\./ }),
  ).toBeVisible({ timeout: 60_000 });
  // The new worker chose its backend again and found the interrupted run.
  await expect(page.getByLabel('Compute backend')).toContainText('wasm');
  await resumeToTheEnd(page, firstEpoch);
});

test('a lost device is reported and the run resumes from its checkpoint', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  await loadSmallDemo(page, '&simulate=device-lost-after-epoch-1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(historyRows(page)).toHaveCount(1, { timeout: RUN_TIMEOUT });
  const firstEpoch = (await historyRows(page).first().textContent()) ?? '';

  const alert = page.getByRole('alert').filter({ hasText: 'The compute device was lost' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText('Training stopped after epoch 1; its checkpoint is kept');
  // The lost device stopped the run before a second epoch could finish.
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('failed');
  await expect(historyRows(page)).toHaveCount(1);
  await resumeToTheEnd(page, firstEpoch);
});

test('during a whole demo run no request leaves the page origin and nothing is uploaded', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  const origin = new URL(baseURL ?? 'http://localhost').origin;
  const foreign: string[] = [];
  const uploads: string[] = [];
  let seen = 0;
  // Every request of the page and its workers passes here; a foreign one is recorded and refused.
  await context.route('**/*', (route) => {
    const request = route.request();
    seen++;
    if (new URL(request.url()).origin !== origin) {
      foreign.push(`${request.method()} ${request.url()}`);
      return route.abort('blockedbyclient');
    }
    if (request.method() !== 'GET' && request.method() !== 'HEAD') {
      uploads.push(`${request.method()} ${request.url()}`);
    }
    return route.continue();
  });
  page.on('websocket', (ws) => foreign.push(`websocket ${ws.url()}`));

  await loadSmallDemo(page, '');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(historyRows(page)).toHaveCount(EPOCHS, { timeout: RUN_TIMEOUT });
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText(
    /Test Accuracy: \d\.\d{3}/,
    { timeout: 60_000 },
  );
  // The interception saw the app's own files (page, scripts, worker, WASM), so it was live.
  expect(seen).toBeGreaterThan(3);
  expect(foreign).toEqual([]);
  expect(uploads).toEqual([]);
});
