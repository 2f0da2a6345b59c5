import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importClusterModel } from '../../src/core/cluster/importRun.ts';
import { buildClusterJob, CLUSTER_JOB_FILES } from '../../src/core/cluster/job.ts';
import type { DatasetFile } from '../../src/core/dataset/files.ts';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import type { LoadedDataset } from '../../src/core/dataset/types.ts';
import { predictImages } from '../../src/core/evaluation/predict.ts';
import { vgg16Convs } from '../../src/core/model/architecture.ts';
import { readKerasWeights } from '../../src/core/model/kerasWeights.ts';
import { seededRandom } from '../../src/core/random.ts';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_ZIP_NAME,
  sampleAsFiles,
} from '../../src/core/sample/generate.ts';
import { DEFAULT_AUGMENT, DEFAULT_SPLIT_OPTIONS, NO_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS, OFFICIAL_WEIGHTS_FILE } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING, type RunConfig } from '../../src/domain/training.ts';
import { VGG16_LAYER_NAMES, vgg16Weights, writeKerasH5 } from '../support/kerasH5.ts';
import { useBackend } from '../support/tfBackend.ts';

/**
 * The cluster job end to end on CPU: the exported zip runs under torchrun
 * with two gloo processes, and its model.h5 comes back into the studio's
 * model. Needs Debian's python3-torch, python3-torchvision and python3-h5py
 * (.ci/run installs them).
 */

const SCRIPT = join(import.meta.dirname, '../../src/core/cluster/train.py');
const IMAGES = 100;
const SIZE = 32;

/** The first Python that imports torch, torchvision, h5py and PIL; null when none does. */
function torchPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import torch, torchvision, h5py, PIL'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return candidate;
  }
  return null;
}

const PYTHON = torchPython();
const reason = PYTHON
  ? ''
  : ' (skipped: no python3 here imports torch, torchvision and h5py; .ci/run installs them)';

function _file(name: string, data: Uint8Array | string): DatasetFile {
  return new File([data as BlobPart], name);
}

let root = '';
let dataset: LoadedDataset;

const dataArgs = () => [
  '--data',
  join(root, SAMPLE_ZIP_NAME),
  '--labels',
  join(root, SAMPLE_ATTRIBUTES_NAME),
];

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs train.py under torchrun in `job`; throws with the processes' output on failure. */
async function torchrun(job: string, processes: number, args: string[]): Promise<string> {
  const logs = join(job, `logs-${processes}-${Date.now()}`);
  const result = spawnSync(
    PYTHON as string,
    [
      '-m',
      'torch.distributed.run',
      // What --standalone does, on a free port: torch 1.13's --standalone always takes 29400,
      // which another job on the machine may hold.
      '--nnodes=1',
      '--rdzv_backend=c10d',
      `--rdzv_endpoint=localhost:${await freePort()}`,
      `--rdzv_id=cluster-test-${processes}`,
      `--nproc_per_node=${processes}`,
      // torch 1.13 on Python 3.11 cannot parse its own default "0" here (IntFlag
      // iteration skips zero): 1 and 2 keep stdout on the console, stderr in the logs.
      '--tee=1',
      '--redirects=2',
      `--log_dir=${logs}`,
      'train.py',
      ...dataArgs(),
      ...args,
    ],
    {
      cwd: job,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    },
  );
  if (result.status !== 0) {
    const stderr = spawnSync('sh', ['-c', `tail -n 20 $(find ${logs} -name stderr.log)`], {
      encoding: 'utf8',
    }).stdout;
    throw new Error(
      `torchrun failed (${result.status}):\n${result.stdout}\n${result.stderr}\n${stderr}`,
    );
  }
  return result.stdout;
}

/** Exports the job for `config` and unpacks it (with the base weights file) into a folder. */
async function exportJob(folder: string, config: RunConfig): Promise<string> {
  const bytes = await buildClusterJob({
    script: await readFile(SCRIPT, 'utf8'),
    name: 'cluster test',
    config,
    splits: dataset.splits,
    classNames: dataset.classNames,
    dataset: { images: SAMPLE_ZIP_NAME, labels: SAMPLE_ATTRIBUTES_NAME, labelColumn: 'Male' },
    baseWeights: 'imagenet',
  });
  const zip = await JSZip.loadAsync(bytes);
  const job = join(root, folder);
  await mkdir(job, { recursive: true });
  for (const name of Object.keys(zip.files)) {
    await writeFile(
      join(job, name),
      await (zip.file(name) as JSZip.JSZipObject).async('uint8array'),
    );
  }
  await writeFile(join(job, OFFICIAL_WEIGHTS_FILE), await readFile(join(root, 'base.h5')));
  return job;
}

function config(overrides: Partial<RunConfig['training']>, augment = DEFAULT_AUGMENT): RunConfig {
  return {
    model: { ...DEFAULT_MODEL_OPTIONS, head: { pooling: 'flatten', dense: [32], dropout: 0.25 } },
    augment,
    training: { ...REFERENCE_TRAINING, batchSize: 8, learningRate: 0.01, ...overrides },
  };
}

/** Every weight array of a model.h5, by layer and weight name. */
async function h5Weights(path: string): Promise<Map<string, Float32Array>> {
  const bytes = await readFile(path);
  const weights = await readKerasWeights(bytes.buffer.slice(bytes.byteOffset) as ArrayBuffer);
  const out = new Map<string, Float32Array>();
  for (const [layer, arrays] of weights) {
    for (const a of arrays) out.set(`${layer}/${a.name}`, a.values);
  }
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

describe.skipIf(!PYTHON)(`cluster job on PyTorch${reason}`, () => {
  beforeAll(async () => {
    await useBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'cluster-job-'));
    const sample = await generateSample({ count: IMAGES, seed: 5 });
    await writeFile(join(root, SAMPLE_ZIP_NAME), sample.zip);
    await writeFile(join(root, SAMPLE_ATTRIBUTES_NAME), sample.attributesCsv);
    ({ dataset } = await loadDataset(sampleAsFiles(sample), DEFAULT_SPLIT_OPTIONS, () => {}));
    // Stand-in "ImageNet" weights in the official file's layout, Glorot-scaled and seeded.
    const random = seededRandom(11);
    const convs = new Map(vgg16Convs().map((c) => [c.name, c]));
    const base = vgg16Weights('official', (layer, index, size) => {
      const conv = convs.get(layer);
      if (!conv || index === 1) return new Float32Array(size);
      const limit = Math.sqrt(6 / (9 * (conv.inChannels + conv.filters)));
      return Float32Array.from({ length: size }, () => (random() * 2 - 1) * limit);
    });
    await writeKerasH5(join(root, 'base.h5'), VGG16_LAYER_NAMES, base);
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the exported zip holds the script, the config and the studio split', async () => {
    const run = config({ epochs: 2 });
    const job = await exportJob('listing', run);
    const names = (await readdir(job)).filter((n) => !n.endsWith('.h5')).sort();
    expect(names).toEqual([...CLUSTER_JOB_FILES].sort());
    const saved = JSON.parse(await readFile(join(job, 'config.json'), 'utf8'));
    expect(saved.training).toEqual(run.training);
    const train = (await readFile(join(job, 'train.csv'), 'utf8')).trim().split('\n');
    expect(train.slice(1)).toEqual(dataset.splits.train.map((r) => `${r.name},${r.label}`));
    const help = spawnSync(PYTHON as string, ['train.py', '--help'], {
      cwd: job,
      encoding: 'utf8',
    });
    for (const option of [
      '--data',
      '--labels',
      '--out',
      '--image-size',
      '--epochs',
      '--fine-tune-epochs',
      '--batch-size',
      '--resume',
    ]) {
      expect(help.stdout).toContain(option);
    }
  });

  it('two gloo processes train it; model.h5 loads into the studio and predicts as PyTorch does', async () => {
    const job = await exportJob('main', config({ epochs: 2, fineTuneEpochs: 1 }));
    const log = await torchrun(job, 2, [
      '--image-size',
      String(SIZE),
      '--epochs',
      '2',
      '--dump-inputs',
      '6',
    ]);
    expect(log).toMatch(/Epoch 1\/3 \(head\)/);
    expect(log).toMatch(/ - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: /);
    const results = join(job, 'results');

    const before = tf.memory().numTensors;
    const h5 = await readFile(join(results, 'model.h5'));
    const imported = await importClusterModel(new Uint8Array(h5), 'model.h5', config({}));
    expect(imported.run.outside?.processes).toBe(2);
    expect(imported.run.history.map((h) => h.phase)).toEqual(['head', 'head', 'fine-tune']);
    expect(imported.metadata.inputSize).toBe(SIZE);

    // The same preprocessed tensors through both: PyTorch's probabilities, the studio's.
    const dump = JSON.parse(await readFile(join(results, 'inputs.json'), 'utf8'));
    const inputs = tf.tensor4d(dump.inputs, dump.shape);
    const output = imported.model.predict(inputs) as tf.Tensor;
    const probabilities = await output.data();
    tf.dispose([inputs, output]);
    expect(maxDifference(probabilities, dump.probabilities)).toBeLessThan(1e-4);

    // The same test split, decoded by each side's own JPEG decoder.
    const metrics = JSON.parse(await readFile(join(results, 'metrics.json'), 'utf8'));
    const ours = await predictImages(
      imported.model,
      dataset.splits.test,
      dataset.source,
      jpegDecoder,
      SIZE,
      { keepWrong: false },
    );
    expect(metrics.count).toBe(dataset.splits.test.length);
    expect(Math.abs((ours?.accuracy ?? -1) - metrics.accuracy)).toBeLessThanOrEqual(0.02);
    imported.model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Each epoch, the two ranks saw disjoint halves of the training split.
    const shards = await Promise.all(
      [0, 1].map(async (r) =>
        JSON.parse(await readFile(join(results, `shards-rank${r}.json`), 'utf8')),
      ),
    );
    expect(shards[0].epochs).toHaveLength(3);
    shards[0].epochs.forEach((epoch: { indices: number[] }, e: number) => {
      const other = new Set<number>(shards[1].epochs[e].indices);
      expect(epoch.indices.filter((i) => other.has(i))).toEqual([]);
      expect(new Set([...epoch.indices, ...other]).size).toBe(dataset.splits.train.length);
    });

    // Frozen blocks keep the Keras kernels exactly: transposed in, transposed back out.
    const written = await h5Weights(join(results, 'model.h5'));
    const original = await h5Weights(join(root, 'base.h5'));
    expect(written.get('block1_conv1/block1_conv1/kernel:0')).toEqual(
      original.get('block1_conv1/block1_conv1_W_1:0'),
    );
  }, 240_000);

  it('with augmentation and dropout off, two processes equal one with the same global batch; --resume goes on', async () => {
    const plain = config({ epochs: 1, learningRate: 0.05 }, NO_AUGMENT);
    plain.model.head.dropout = 0;
    const job = await exportJob('parity', plain);
    const args = ['--image-size', String(SIZE)];
    await torchrun(job, 2, [...args, '--out', 'two']);
    // Without torchrun the script runs as one plain process.
    const alone = (extra: string[]) => {
      const result = spawnSync(
        PYTHON as string,
        ['train.py', ...dataArgs(), ...args, '--out', 'one', ...extra],
        {
          cwd: job,
          encoding: 'utf8',
          env: { ...process.env, OMP_NUM_THREADS: '1' },
        },
      );
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    alone([]);
    const names = ['dense/dense/kernel:0', 'dense_1/dense_1/kernel:0', 'dense_1/dense_1/bias:0'];
    const two = await h5Weights(join(job, 'two', 'model.h5'));
    const one = await h5Weights(join(job, 'one', 'model.h5'));
    for (const name of names) {
      expect(
        maxDifference(two.get(name) as Float32Array, one.get(name) as Float32Array),
      ).toBeLessThan(1e-4);
    }
    const firstEpoch = (await readFile(join(job, 'one', 'history.csv'), 'utf8')).split('\n')[1];

    // A second epoch from the checkpoint: the history goes on and the weights move on.
    expect(alone(['--epochs', '2', '--resume'])).toContain('Resuming after epoch 1.');
    const history = (await readFile(join(job, 'one', 'history.csv'), 'utf8')).trim().split('\n');
    expect(history).toHaveLength(3);
    expect(history[1]).toBe(firstEpoch);
    const later = await h5Weights(join(job, 'one', 'model.h5'));
    for (const name of names) {
      expect(
        maxDifference(later.get(name) as Float32Array, one.get(name) as Float32Array),
      ).toBeGreaterThan(1e-4);
    }
  }, 300_000);
});
