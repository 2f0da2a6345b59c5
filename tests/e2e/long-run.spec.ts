import { expect, type Page, test } from '@playwright/test';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import type { EpochLog } from '../../src/domain/training.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';
import { longTasks, pageNow, WALL_CLOCK_RETRIES, watchLongTasks } from '../support/longTasks.ts';

/*
 * A run far longer than any test could train: a scripted worker replays 2,000 epochs
 * and 20,000 batches. The page must draw it without stalling: the history table and
 * the Keras log render only what is in view, and each chart line is thinned to what it can draw.
 */

test.describe.configure({ retries: WALL_CLOCK_RETRIES });

const EPOCHS = 2000;
const BATCHES = 20_000;
/** The chart's budget per line (MAX_DRAWN_POINTS). */
const DRAWN = 300;
/** The batches the page keeps for its chart (MAX_BATCH_POINTS of the training state). */
const KEPT_BATCHES = 5000;

const history: EpochLog[] = Array.from({ length: EPOCHS }, (_, i) => ({
  epoch: i + 1,
  phase: 'head',
  loss: 1 / (i + 2),
  accuracy: 1 - 1 / (i + 2),
  valLoss: 1.1 / (i + 2),
  valAccuracy: 1 - 1.1 / (i + 2),
  seconds: 1,
}));

function scriptedWorker(): string {
  const config = {
    model: DEFAULT_MODEL_OPTIONS,
    augment: DEFAULT_AUGMENT,
    training: { ...REFERENCE_TRAINING, epochs: EPOCHS, fineTuneEpochs: 0 },
  };
  return `
    const history = ${JSON.stringify(history)};
    const config = ${JSON.stringify(config)};
    const post = (event) => self.postMessage({ scope: 'training', ...event });
    self.onmessage = ({ data }) => {
      if (data.scope !== 'system' || data.type !== 'init') return;
      post({ type: 'started', runId: 'long', name: 'long', config, history });
      // A spike every 997 batches: thinning must keep them.
      for (let start = 0; start < ${BATCHES}; start += 500) {
        const logs = [];
        for (let b = start; b < start + 500; b++) {
          logs.push({ phase: 'head', epoch: 1 + Math.floor(b / 10), batch: b + 1, loss: b % 997 === 0 ? 5 : 0.5, accuracy: 0.5 });
        }
        post({ type: 'batch', logs });
      }
      post({ type: 'status', status: 'finished', message: null });
    };
  `;
}

/** Opens the page on the scripted run; returns the page's clock once it has loaded. */
async function open(page: Page): Promise<number> {
  const source = scriptedWorker();
  await page.route('**/assets/studio.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: source });
  });
  await watchLongTasks(page);
  await page.goto('/');
  return pageNow(page);
}

/** The number of points a drawn line passes through. */
const pointsOf = (d: string | null): number => (d ?? '').match(/[ML]/g)?.length ?? 0;

test('a 2,000-epoch, 20,000-batch run renders windowed and thinned, without stalling', async ({
  page,
}) => {
  // Tasks of the page's own start-up (its modules' evaluation) come before `load`: the bench
  // reports those; this test counts what rendering the run costs.
  const loaded = await open(page);
  const batchChart = page.getByRole('figure', { name: 'Loss per batch' });
  await expect(batchChart).toHaveAttribute('data-points', String(KEPT_BATCHES));
  await expect(page.getByRole('figure', { name: 'Loss per epoch' })).toHaveAttribute(
    'data-points',
    String(EPOCHS),
  );
  for (const path of await batchChart.locator('path.chart-series').all()) {
    const points = pointsOf(await path.getAttribute('d'));
    expect(points).toBeGreaterThan(DRAWN / 2);
    expect(points).toBeLessThanOrEqual(DRAWN);
  }
  // The spikes of the kept batches (every 997th) still reach the top of the raw line.
  const raw = await batchChart.locator('path.chart-series').first().getAttribute('d');
  const ys = [...(raw ?? '').matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
  const top = Math.min(...ys);
  const kept = Array.from({ length: KEPT_BATCHES }, (_, i) => BATCHES - KEPT_BATCHES + i);
  expect(ys.filter((y) => y === top)).toHaveLength(kept.filter((b) => b % 997 === 0).length);

  const table = page.getByRole('table', { name: 'Epoch history' });
  const rows = table.locator('tbody tr[data-epoch]');
  await expect(rows.first()).toHaveAttribute('data-epoch', '1');
  expect(await rows.count()).toBeLessThan(40);
  await table.evaluate((element) => {
    const box = element.parentElement as HTMLElement;
    box.scrollTop = box.scrollHeight;
  });
  await expect(rows.last()).toHaveAttribute('data-epoch', String(EPOCHS));
  expect(await rows.count()).toBeLessThan(40);

  const log = page.getByRole('log', { name: 'Keras log' });
  const shownEpochs = async () => ((await log.textContent()) ?? '').match(/^Epoch /gm)?.length ?? 0;
  await expect(log).toContainText(`Epoch 1/${EPOCHS}`);
  expect(await shownEpochs()).toBeLessThan(40);
  await log.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(log).toContainText(`Epoch ${EPOCHS}/${EPOCHS}`);
  expect(await shownEpochs()).toBeLessThan(40);

  expect(
    await longTasks(page, loaded),
    'main-thread long tasks after load (start and duration in ms)',
  ).toEqual([]);
});
