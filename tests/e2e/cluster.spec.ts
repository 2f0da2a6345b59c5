import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { OFFICIAL_WEIGHTS_FILE } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';
import { VGG16_LAYER_NAMES, vgg16Weights, writeKerasH5 } from '../support/kerasH5.ts';
import { loadDemo } from '../support/studioPage.ts';

/*
 * The way out and back for a run too big for the browser: the Train step
 * hands the run over as a PyTorch job, and the model.h5 that job writes
 * loads back as a run trained outside the browser. The model.h5 here is
 * written the way train.py writes it (Keras's whole-model layout plus the
 * studio_run record), without running PyTorch.
 */

const SIZE = 32;
const RUN_NAME = 'trained on the cluster';

/** A whole-model file as the cluster job writes it, for a 32 px model with a Dense(8) head. */
async function clusterModelH5(path: string, dense: number): Promise<void> {
  const weights = vgg16Weights('keras2', (_layer, _index, size) => new Float32Array(size));
  const layer = (name: string, inputs: number, units: number) =>
    weights.set(name, [
      {
        name: `${name}/kernel:0`,
        shape: [inputs, units],
        values: new Float32Array(inputs * units),
      },
      { name: `${name}/bias:0`, shape: [units], values: new Float32Array(units) },
    ]);
  layer('dense', 512, dense);
  layer('dense_1', 8, 1);
  const config = {
    model: {
      inputSize: SIZE,
      head: { pooling: 'flatten', dense: [8], dropout: 0.5 },
      unfreezeFromBlock: 5,
    },
    augment: DEFAULT_AUGMENT,
    training: { ...REFERENCE_TRAINING, batchSize: 64, epochs: 2 },
  };
  const epoch = (n: number) => ({
    epoch: n,
    phase: 'head',
    loss: 0.6 - n / 10,
    accuracy: 0.7 + n / 10,
    valLoss: 0.55 - n / 10,
    valAccuracy: 0.72 + n / 10,
    seconds: 30,
  });
  const record = {
    format: 'celeba-studio-cluster-run',
    formatVersion: 1,
    name: RUN_NAME,
    config,
    classNames: ['female', 'male'],
    history: [epoch(1), epoch(2)],
    test: {
      count: 20000,
      loss: 0.2,
      accuracy: 0.93,
      threshold: 0.5,
      confusion: [
        [1, 0],
        [0, 1],
      ],
    },
    baseWeights: OFFICIAL_WEIGHTS_FILE,
    trainedWith: {
      engine: 'pytorch',
      torch: '2.5.1',
      processes: 8,
      device: 'cuda',
      amp: false,
      seconds: 60,
    },
  };
  await writeKerasH5(
    path,
    [...VGG16_LAYER_NAMES, 'flatten', 'dense', 'dropout', 'dense_1'],
    weights,
    {
      under: 'model_weights',
      rootBytes: { studio_run: new TextEncoder().encode(JSON.stringify(record)) },
    },
  );
}

test('the Train step exports the run as a PyTorch job; its model.h5 comes back as a run trained outside', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const folder = await mkdtemp(join(tmpdir(), 'cluster-e2e-'));
  try {
    await loadDemo(page);
    const summary = page.getByRole('status', { name: 'Dataset summary' });
    const settings = page.getByRole('group', { name: 'Training settings' });
    await settings.getByLabel('Batch size').fill('16');

    const train = page.locator('#training');
    const downloading = page.waitForEvent('download');
    await train.getByRole('button', { name: 'Export for a cluster' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/-cluster-job\.zip$/);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    expect(Object.keys(zip.files).sort()).toEqual([
      'README.md',
      'config.json',
      'test.csv',
      'train.csv',
      'train.py',
      'validation.csv',
    ]);
    const config = JSON.parse(await (zip.file('config.json') as JSZip.JSZipObject).async('string'));
    expect(config.training.batchSize).toBe(16);
    expect(config.job.classNames).toEqual(['female', 'male']);
    const rows = async (name: string) =>
      (await (zip.file(name) as JSZip.JSZipObject).async('string')).trim().split('\n').length - 1;
    const counts = await Promise.all(['train.csv', 'validation.csv', 'test.csv'].map(rows));
    // The three splits are the summary's, image for image.
    for (const count of counts) await expect(summary).toContainText(String(count));
    const readme = await (zip.file('README.md') as JSZip.JSZipObject).async('string');
    expect(readme).toContain('torchrun --standalone --nproc_per_node=1 train.py');
    expect(readme).toContain('srun torchrun');
    expect(await (zip.file('train.py') as JSZip.JSZipObject).async('string')).toContain(
      'DistributedDataParallel',
    );

    const exportStep = page.locator('#export');
    const load = exportStep.getByLabel('Load model');
    // A file whose head does not fit its own record: refused, naming the layer.
    const wrong = join(folder, 'wrong.h5');
    await clusterModelH5(wrong, 4);
    await load.setInputFiles(wrong);
    await expect(exportStep.getByRole('alert')).toContainText('dense');

    const good = join(folder, 'model.h5');
    await clusterModelH5(good, 8);
    await load.setInputFiles(good);
    await expect(exportStep.getByRole('status', { name: 'Model in use' })).toContainText(RUN_NAME, {
      timeout: 60_000,
    });
    const runs = page.getByRole('table', { name: 'Runs table' });
    const row = runs.getByRole('row', { name: new RegExp(RUN_NAME) });
    await expect(row).toContainText('trained outside the browser (PyTorch, 8 processes on cuda)');
    await expect(row).toContainText('0.930');

    // Like any run: evaluated on the test split in the browser, and saved in it.
    await page.getByRole('button', { name: 'Evaluate on test set' }).click();
    await expect(page.getByRole('region', { name: 'Test results' })).toContainText(
      'Test Accuracy:',
      { timeout: 120_000 },
    );
    await exportStep.getByLabel('Model name').fill('from-the-cluster');
    await exportStep.getByRole('button', { name: 'Save to browser storage' }).click();
    await expect(
      exportStep
        .getByRole('table', { name: 'Saved models' })
        .getByRole('row', { name: /from-the-cluster/ }),
    ).toBeVisible({ timeout: 60_000 });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
