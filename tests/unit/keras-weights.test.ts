import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWeights, readKerasWeights } from '../../src/core/model/kerasWeights.ts';
import { countWeights, type NamedWeights } from '../../src/core/model/namedWeights.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';
import {
  type KerasLayout,
  seededUniform,
  VGG16_LAYER_NAMES,
  vgg16Weights,
  writeKerasH5,
} from '../support/kerasH5.ts';

const dir = mkdtempSync(join(tmpdir(), 'keras-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function bytesOf(path: string): ArrayBuffer {
  const buffer = readFileSync(path);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

/** Distinct values everywhere, so a swapped or shifted array cannot pass. */
function randomWeights(layout: KerasLayout, seed: number): NamedWeights {
  const next = seededUniform(seed);
  return vgg16Weights(layout, (_layer, _i, size) => {
    const values = new Float32Array(size);
    for (let k = 0; k < size; k++) values[k] = next() * 2 - 1;
    return values;
  });
}

async function written(name: string, weights: NamedWeights, layers = VGG16_LAYER_NAMES) {
  const path = join(dir, name);
  await writeKerasH5(path, layers, weights);
  return bytesOf(path);
}

/** Index of the first element that differs, -1 when none (toEqual on millions of numbers is slow). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectModelHolds(model: tf.LayersModel, weights: NamedWeights): void {
  for (const layer of model.layers) {
    const arrays = weights.get(layer.name) ?? [];
    const actual = layer.getWeights();
    expect(actual.length).toBe(arrays.length);
    actual.forEach((tensor, i) => {
      const want = arrays[i];
      if (!want) throw new Error('missing array');
      expect(tensor.shape).toEqual(want.shape);
      // Bit for bit: float32 in, float32 out.
      expect(firstDifference(tensor.dataSync(), want.values)).toBe(-1);
    });
  }
}

/** Applies the weights read to a fresh 32 px VGG16, which must then hold them bit for bit. */
function expectLoadsExactly(read: Parameters<typeof applyWeights>[1], weights: NamedWeights): void {
  const model = buildVgg16({ inputSize: 32 });
  try {
    applyWeights(model, read);
    expectModelHolds(model, weights);
  } finally {
    model.dispose();
  }
}

describe('Keras HDF5 weights', () => {
  it('reads the official notop layout and the model then holds exactly those weights', async () => {
    const weights = randomWeights('official', 11);
    const bytes = await written('official.h5', weights);
    const read = await readKerasWeights(bytes, { fileName: 'official.h5' });
    expect([...read.keys()]).toEqual([...weights.keys()]);
    expect(read.get('block1_conv1')?.map((w) => w.name)).toEqual([
      'block1_conv1_W_1:0',
      'block1_conv1_b_1:0',
    ]);
    expect(countWeights(read)).toBe(14_714_688);
    const model = buildVgg16({ inputSize: 32 });
    try {
      const before = tf.memory().numTensors;
      applyWeights(model, read);
      expect(tf.memory().numTensors).toBe(before);
      expectModelHolds(model, weights);
    } finally {
      model.dispose();
    }
  });

  it('reads the Keras 2 re-saved layout (block1_conv1/block1_conv1/kernel:0)', async () => {
    const weights = randomWeights('keras2', 12);
    const bytes = await written('keras2.h5', weights);
    const read = await readKerasWeights(bytes);
    expect(read.get('block5_conv3')?.map((w) => w.name)).toEqual([
      'block5_conv3/kernel:0',
      'block5_conv3/bias:0',
    ]);
    expectLoadsExactly(read, weights);
  });

  it('reads a whole-model save (model_weights group) in the newest HDF5 format', async () => {
    const weights = randomWeights('keras2', 13);
    const path = join(dir, 'model-save.h5');
    await writeKerasH5(path, VGG16_LAYER_NAMES, weights, {
      under: 'model_weights',
      format: 'latest',
    });
    const read = await readKerasWeights(bytesOf(path));
    expectLoadsExactly(read, weights);
  });

  it('fails on one wrong shape, naming that layer, and leaves the model untouched', async () => {
    const weights = vgg16Weights('official', (_l, _i, size) => new Float32Array(size).fill(0.5));
    const bad = weights.get('block3_conv2');
    if (!bad?.[0]) throw new Error('no block3_conv2');
    bad[0] = { ...bad[0], shape: [3, 3, 256, 128], values: new Float32Array(9 * 256 * 128) };
    const read = await readKerasWeights(await written('wrong.h5', weights));
    const model = buildVgg16({ inputSize: 32, seed: 5 });
    try {
      const firstBefore = model.layers[1]?.getWeights()[0]?.dataSync().slice(0, 8);
      expect(() => applyWeights(model, read)).toThrow(
        'Layer block3_conv2: weight block3_conv2_W_1:0 has shape [3, 3, 256, 128], the model expects [3, 3, 256, 256]',
      );
      expect(model.layers[1]?.getWeights()[0]?.dataSync().slice(0, 8)).toEqual(firstBefore);
    } finally {
      model.dispose();
    }
  });

  it('names a layer the file lacks', async () => {
    const weights = vgg16Weights('official', (_l, _i, size) => new Float32Array(size));
    weights.delete('block5_conv3');
    const layers = VGG16_LAYER_NAMES.filter((n) => n !== 'block5_conv3');
    const read = await readKerasWeights(await written('short.h5', weights, layers));
    const model = buildVgg16({ inputSize: 32 });
    try {
      expect(() => applyWeights(model, read)).toThrow(/nothing for layer block5_conv3/);
    } finally {
      model.dispose();
    }
  });

  it('refuses what is not a Keras HDF5 file, saying so', async () => {
    await expect(
      readKerasWeights(new TextEncoder().encode('{"not": "hdf5"}').buffer, { fileName: 'x.json' }),
    ).rejects.toThrow('x.json is not an HDF5 file');
  });
});
