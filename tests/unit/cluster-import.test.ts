import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClusterJob, CLUSTER_JOB_FILES, splitCsv } from '../../src/core/cluster/job.ts';
import { loadModelFile } from '../../src/core/cluster/loadModelFile.ts';
import type { ImageRef } from '../../src/core/dataset/types.ts';
import type { NamedWeights } from '../../src/core/model/namedWeights.ts';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING, type RunConfig } from '../../src/domain/training.ts';
import { writeKerasH5 } from '../support/kerasH5.ts';
import { useBackend } from '../support/tfBackend.ts';

/*
 * The parts of the cluster job that need no PyTorch: what the zip holds, and
 * how "Load model" refuses an .h5 that is not the job's, naming the layer.
 * (cluster-job.test.ts runs the job itself.)
 */

const CONFIG: RunConfig = {
  model: { ...DEFAULT_MODEL_OPTIONS, inputSize: 32 },
  augment: DEFAULT_AUGMENT,
  training: REFERENCE_TRAINING,
};

const ref = (name: string, label: 0 | 1, row: number): ImageRef => ({ name, label, row });

let folder = '';

beforeAll(async () => {
  await useBackend('wasm');
  folder = await mkdtemp(join(tmpdir(), 'cluster-import-'));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** A small Keras file with these layers, each a kernel and a bias of the given shapes. */
async function h5(
  name: string,
  layers: Record<string, [number[], number[]]>,
  record?: unknown,
): Promise<Uint8Array> {
  const weights: NamedWeights = new Map();
  for (const [layer, shapes] of Object.entries(layers)) {
    weights.set(
      layer,
      shapes.map((shape, i) => ({
        name: `${layer}/${i === 0 ? 'kernel' : 'bias'}:0`,
        shape,
        values: new Float32Array(shape.reduce((p, d) => p * d, 1)),
      })),
    );
  }
  const path = join(folder, name);
  await writeKerasH5(path, Object.keys(layers), weights, {
    under: 'model_weights',
    ...(record
      ? { rootBytes: { studio_run: new TextEncoder().encode(JSON.stringify(record)) } }
      : {}),
  });
  return new Uint8Array(await readFile(path));
}

describe('the cluster job zip', () => {
  it('holds train.py, config.json, the split as CSVs and a README with the commands', async () => {
    const splits = {
      train: [ref('000001.jpg', 1, 2), ref('odd, "name".jpg', 0, 3)],
      validation: [ref('000003.jpg', 0, 4)],
      test: [ref('000004.jpg', 1, 5)],
    };
    const bytes = await buildClusterJob({
      script: 'print("train")\n',
      name: 'My run',
      config: CONFIG,
      splits,
      classNames: ['female', 'male'],
      dataset: {
        images: 'img_align_celeba.zip',
        labels: 'list_attr_celeba.csv',
        labelColumn: 'Male',
      },
      baseWeights: 'random',
    });
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).sort()).toEqual([...CLUSTER_JOB_FILES].sort());
    const text = (name: string) => (zip.file(name) as JSZip.JSZipObject).async('string');
    // A name with a comma or a quote is quoted as CSV readers expect.
    expect(await text('train.csv')).toBe('image,label\n000001.jpg,1\n"odd, ""name"".jpg",0\n');
    expect(await text('test.csv')).toBe(splitCsv(splits.test));
    const config = JSON.parse(await text('config.json'));
    expect({ model: config.model, augment: config.augment, training: config.training }).toEqual(
      CONFIG,
    );
    expect(config.job).toMatchObject({ name: 'My run', baseWeights: 'random' });
    const readme = await text('README.md');
    for (const command of [
      'torchrun --standalone --nproc_per_node=1 train.py --data /path/to/img_align_celeba.zip --labels /path/to/list_attr_celeba.csv',
      'torchrun --standalone --nproc_per_node=8',
      '--rdzv_endpoint=',
      'srun torchrun',
    ]) {
      expect(readme).toContain(command);
    }
  });
});

describe('Load model with an .h5', () => {
  it('refuses a Keras file that is not the job’s, naming the layer it lacks', async () => {
    const before = tf.memory().numTensors;
    const foreign = await h5('foreign.h5', { conv2d: [[3, 3, 3, 8], [8]], dense: [[8, 2], [2]] });
    await expect(loadModelFile(foreign, 'foreign.h5', CONFIG)).rejects.toThrow(
      /foreign\.h5 is not a model saved by the cluster job.*block1_conv1.*conv2d, dense/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a model.h5 whose weights do not fit the run it carries, naming the layer', async () => {
    const record = {
      format: 'celeba-studio-cluster-run',
      formatVersion: 1,
      name: 'cut short',
      config: CONFIG,
      classNames: ['female', 'male'],
      history: [],
      test: null,
      baseWeights: 'random',
      trainedWith: {
        engine: 'pytorch',
        torch: '2',
        processes: 1,
        device: 'cpu',
        amp: false,
        seconds: 1,
      },
    };
    const cut = await h5('model.h5', { dense: [[512, 256], [256]] }, record);
    // The results folder zipped works the same as the file alone.
    const zip = new JSZip();
    zip.file('results/model.h5', cut);
    zip.file('results/metrics.json', 'null');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(loadModelFile(bytes, 'results.zip', CONFIG)).rejects.toThrow(
      'results.zip/results/model.h5 does not fit the run it describes: The weights have nothing for layer block1_conv1',
    );
  });

  it('names a file that is neither a studio zip nor an .h5', async () => {
    const text = new TextEncoder().encode('not a model');
    await expect(loadModelFile(text, 'notes.txt', CONFIG)).rejects.toThrow(/notes\.txt/);
  });
});
