import { expect, type Locator, type Page, test } from '@playwright/test';
import { summarizeTest } from '../../src/core/evaluation/metrics.ts';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import type { EpochLog, RunRecord } from '../../src/domain/training.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';

/*
 * The Evaluate, Train charts and Runs views with a scripted worker that
 * answers with fixed events, so the page's own arithmetic (threshold,
 * confusion, accuracy) can be checked against numbers worked by hand.
 * Real training is exercised by the training specs.
 *
 * The test set is the known example of tests/unit/metrics.test.ts:
 *   labels [0, 0, 1, 1], p = [0.1, 0.4, 0.35, 0.8]
 *   at 0.50: confusion [[2,0],[1,1]], accuracy 0.750; AUC 0.750
 *   at 0.40: confusion [[1,1],[1,1]], accuracy 0.500
 *   loss = -(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8) / 4 = 0.4723 (4 decimals)
 */
const LABELS = [0, 0, 1, 1];
const PROBS = [0.1, 0.4, 0.35, 0.8];
const CONFIG = {
  model: DEFAULT_MODEL_OPTIONS,
  augment: DEFAULT_AUGMENT,
  training: REFERENCE_TRAINING,
};

const HISTORY: EpochLog[] = [1, 2, 3].map((epoch) => ({
  epoch,
  phase: 'head',
  loss: 0.7 - epoch * 0.1,
  accuracy: 0.5 + epoch * 0.1,
  valLoss: 0.75 - epoch * 0.1,
  valAccuracy: 0.45 + epoch * 0.1,
  seconds: 10,
}));

function run(id: string, name: string, createdAt: number, learningRate: number): RunRecord {
  return {
    id,
    name,
    createdAt,
    config: { ...CONFIG, training: { ...REFERENCE_TRAINING, learningRate, epochs: 3 } },
    history: HISTORY,
    test: null,
    backend: 'wasm',
    seconds: 75,
    status: 'finished',
    randomWeights: true,
    synthetic: false,
  };
}

/** Worker source that records every command and answers a few with canned events. */
function scriptedWorker(): string {
  const results = summarizeTest({
    labels: LABELS,
    probabilities: PROBS,
    threshold: 0.5,
    classNames: ['female', 'male'],
    misclassified: [],
    split: 'test',
    randomWeights: true,
  });
  const events = {
    // Misclassified at 0.5: the male at 0.35. Images are rebuilt in the worker (typed arrays).
    results: {
      ...results,
      misclassified: [{ name: 'c.jpg', trueClass: 'male', probability: 0.35 }],
    },
    runs: [run('r1', 'first', 1000, 0.01), run('r2', 'second', 2000, 0.001)],
    history: HISTORY,
    config: CONFIG,
  };
  return `
    const canned = ${JSON.stringify(events)};
    self.received = [];
    const post = (event) => self.postMessage({ scope: 'training', ...event });
    const image = () => ({ width: 4, height: 4, data: new Uint8ClampedArray(64).fill(200) });
    self.onmessage = ({ data }) => {
      self.received.push(data);
      if (data.scope === 'system' && data.type === 'init') {
        post({ type: 'started', runId: 'r2', name: 'second', config: canned.config, history: [] });
        for (const log of canned.history) post({ type: 'epoch', log });
        post({ type: 'batch', logs: canned.history.map((h, i) => ({ phase: 'head', epoch: h.epoch, batch: i + 1, loss: h.loss, accuracy: h.accuracy })) });
        post({ type: 'status', status: 'finished', message: null });
      }
      if (data.type === 'evaluate') {
        const results = { ...canned.results, misclassified: canned.results.misclassified.map((m) => ({ ...m, image: image() })) };
        self.postMessage({ scope: 'evaluation', type: 'results', results });
      }
      if (data.type === 'list-runs') post({ type: 'runs', runs: canned.runs });
      if (data.type === 'queue') post({ type: 'queue', position: 1, total: data.configs.length });
    };
  `;
}

async function openWithScriptedWorker(page: Page) {
  const source = scriptedWorker();
  await page.route('**/assets/studio.worker-*.js', async (route) => {
    // Keep the original headers (cross-origin isolation needs them on workers too).
    const response = await route.fetch();
    await route.fulfill({ response, body: source });
  });
  const workerReady = page.waitForEvent('worker');
  await page.goto('/');
  return workerReady;
}

/** The figure's chart has its two axis titles, each drawn whole inside the chart's SVG box. */
async function expectAxisTitlesInside(figure: Locator, titles: [x: string, y: string]) {
  const drawn = figure.locator('svg text.chart-title');
  await expect(drawn).toHaveText(titles);
  const box = await figure.locator('svg').first().boundingBox();
  if (!box) throw new Error('the chart has no SVG box');
  for (const title of await drawn.all()) {
    const t = await title.boundingBox();
    if (!t) throw new Error(`${await title.textContent()} has no box`);
    const where = `${await title.textContent()} at (${t.x}, ${t.y}, ${t.width} × ${t.height}) in (${box.x}, ${box.y}, ${box.width} × ${box.height})`;
    expect(t.width * t.height, where).toBeGreaterThan(0);
    expect(t.x, where).toBeGreaterThanOrEqual(box.x);
    expect(t.y, where).toBeGreaterThanOrEqual(box.y);
    expect(t.x + t.width, where).toBeLessThanOrEqual(box.x + box.width);
    expect(t.y + t.height, where).toBeLessThanOrEqual(box.y + box.height);
  }
}

test('test results: Keras lines, confusion, threshold, ROC and mistakes', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const worker = await openWithScriptedWorker(page);
  const evaluate = page.getByRole('region', { name: /Evaluate/ });
  const button = evaluate.getByRole('button', { name: 'Evaluate on test set' });
  await expect(button).toBeEnabled();
  await button.click();

  const results = evaluate.getByRole('region', { name: 'Test results' });
  await expect(results.getByText('Test Accuracy: 0.750', { exact: true })).toBeVisible();
  await expect(results.getByText('Test Loss: 0.4723', { exact: true })).toBeVisible();
  await expect(results.getByRole('note')).toHaveText(
    'random weights: expect far lower accuracy than ImageNet transfer',
  );
  const confusion = results.getByRole('table', { name: 'Confusion matrix' });
  await expect(confusion.getByRole('row', { name: /actual female/ })).toHaveText(/2\s*0$/);
  await expect(confusion.getByRole('row', { name: /actual male/ })).toHaveText(/1\s*1$/);
  const perClass = results.getByRole('table', { name: 'Per-class metrics' });
  // female: precision 2/3, recall 1, F1 0.8, support 2.
  await expect(perClass.getByRole('row', { name: /female/ })).toContainText('0.6671.0000.8002');
  const roc = results.getByRole('figure', { name: 'ROC curve' });
  await expect(roc).toHaveAttribute('data-points', '5');
  await expect(roc).toContainText('AUC 0.750');
  await expect(roc.locator('svg path.chart-series')).toBeVisible();
  await expectAxisTitlesInside(roc, ['false positive rate', 'true positive rate']);
  const gallery = results.getByRole('region', { name: 'Misclassified images' });
  await expect(gallery.getByRole('figure')).toHaveText('true: male · p(male)=0.35');
  await expect(gallery.getByRole('img', { name: 'c.jpg' })).toBeVisible();

  // Ten steps down with the keyboard: 0.50 → 0.40, where 0.4 counts as male.
  const slider = results.getByRole('slider', { name: 'Decision threshold' });
  await slider.focus();
  for (let i = 0; i < 10; i++) await slider.press('ArrowLeft');
  await expect(slider).toHaveValue('0.4');
  await expect(results.getByText('Test Accuracy: 0.500', { exact: true })).toBeVisible();
  await expect(confusion.getByRole('row', { name: /actual female/ })).toHaveText(/1\s*1$/);
  await expect(results.getByText('Test Loss: 0.4723', { exact: true })).toBeVisible();
  // The male at 0.35 is still wrong at 0.40.
  await expect(gallery.getByRole('figure')).toHaveCount(1);

  const sent = await worker.evaluate(() => (self as unknown as { received: unknown[] }).received);
  expect(sent).toContainEqual(expect.objectContaining({ scope: 'evaluation', type: 'evaluate' }));
  expect(problems).toEqual([]);
});

test('training charts and history table show one point per epoch', async ({ page }) => {
  await openWithScriptedWorker(page);
  const train = page.getByRole('region', { name: /Train/ }).first();
  for (const name of ['Loss per epoch', 'Accuracy per epoch']) {
    const figure = page.getByRole('figure', { name });
    await expect(figure).toHaveAttribute('data-points', String(HISTORY.length));
    await expect(figure.locator('path.chart-series')).toHaveCount(2);
    await expectAxisTitlesInside(figure, [
      'epoch',
      name === 'Loss per epoch' ? 'loss' : 'accuracy',
    ]);
  }
  const batches = page.getByRole('figure', { name: 'Loss per batch' });
  await expect(batches).toHaveAttribute('data-points', String(HISTORY.length));
  await expectAxisTitlesInside(batches, ['batch', 'loss']);
  const table = page.getByRole('table', { name: 'Epoch history' });
  await expect(table.getByRole('row')).toHaveCount(1 + HISTORY.length);
  // Epoch 1: loss 0.7 - 0.1, accuracy 0.5 + 0.1, val_loss 0.75 - 0.1, val_accuracy 0.45 + 0.1.
  await expect(table.getByRole('row').nth(1)).toHaveText(
    /1\s*head\s*0\.6000\s*0\.6000\s*0\.6500\s*0\.5500/,
  );
  await expect(train.getByLabel('Keras log')).toContainText(
    'Epoch 1/8\n10s - loss: 0.6000 - accuracy: 0.6000 - val_loss: 0.6500 - val_accuracy: 0.5500',
  );
});

test('runs: table, comparison overlay, deletion and a queued grid', async ({ page }) => {
  const worker = await openWithScriptedWorker(page);
  const runs = page.getByRole('region', { name: /Runs/ });
  const table = runs.getByRole('table', { name: 'Runs table' });
  await expect(table.getByRole('row')).toHaveCount(3);
  // Newest first.
  await expect(table.getByRole('row').nth(1)).toContainText('second');
  await expect(table.getByRole('row').nth(1)).toContainText('random weights');
  await expect(runs.getByRole('note').first()).toHaveText(
    'random weights: expect far lower accuracy than ImageNet transfer',
  );

  const chart = runs.getByRole('figure', { name: 'Compare runs' });
  await expect(chart).toHaveAttribute('data-points', '0');
  await runs.getByRole('checkbox', { name: 'Compare first' }).check();
  await runs.getByRole('checkbox', { name: 'Compare second' }).check();
  await expect(chart).toHaveAttribute('data-points', String(2 * HISTORY.length));
  await expect(chart.locator('path.chart-series')).toHaveCount(2);
  await runs.getByLabel('Metric').selectOption('val_loss');
  await expectAxisTitlesInside(chart, ['epoch', 'val_loss']);

  await runs.getByRole('button', { name: 'Delete first' }).click();
  await runs.getByLabel('Learning rates').fill('0.01, 0.001, 0.0001');
  await runs.getByLabel('Batch sizes').fill('8');
  await runs.getByRole('button', { name: 'Queue grid' }).click();
  await expect(runs.getByLabel('Queue progress')).toHaveText('Grid queue: run 1 of 3');

  const sent = (await worker.evaluate(
    () => (self as unknown as { received: unknown[] }).received,
  )) as { type: string; runId?: string; configs?: { training: { learningRate: number } }[] }[];
  expect(sent.find((c) => c.type === 'delete-run')?.runId).toBe('r1');
  const queued = sent.find((c) => c.type === 'queue');
  expect(queued?.configs?.map((c) => c.training.learningRate)).toEqual([0.01, 0.001, 0.0001]);
});
