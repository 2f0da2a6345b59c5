import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyWeights } from '../../src/core/model/kerasWeights.ts';
import { readTfjsLayersWeights } from '../../src/core/model/tfjsWeights.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Saves a model the way tfjs writes model.json and one .bin shard. */
async function tfjsArtifacts(model: tf.LayersModel): Promise<{ json: string; bin: ArrayBuffer }> {
  const artifacts = await new Promise<tf.io.ModelArtifacts>((resolve, reject) => {
    model
      .save(
        tf.io.withSaveHandler(async (saved) => {
          resolve(saved);
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      )
      .catch(reject);
  });
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('nothing saved');
  const bin = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const json = JSON.stringify({
    format: 'layers-model',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
  });
  return { json, bin };
}

describe('tfjs layers model weights', () => {
  it('reads model.json + .bin into per-layer weights that load into VGG16', async () => {
    const source = buildVgg16({ inputSize: 32, seed: 9 });
    const target = buildVgg16({ inputSize: 32, seed: 10 });
    try {
      const { json, bin } = await tfjsArtifacts(source);
      const weights = readTfjsLayersWeights(json, new Map([['group1-shard1of1.bin', bin]]));
      expect(weights.get('block1_conv1')?.map((w) => w.shape)).toEqual([[3, 3, 3, 64], [64]]);
      applyWeights(target, weights);
      for (const [i, layer] of source.layers.entries()) {
        const a = layer.getWeights();
        const b = target.layers[i]?.getWeights() ?? [];
        a.forEach((t, k) => {
          const other = b[k];
          if (!other) throw new Error('missing');
          expect(tf.util.arraysEqual(t.dataSync(), other.dataSync())).toBe(true);
        });
      }
    } finally {
      source.dispose();
      target.dispose();
    }
  });

  it('names the missing shard', () => {
    const json = JSON.stringify({
      weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [] }],
    });
    expect(() =>
      readTfjsLayersWeights(json, new Map([['group1-shard1of2.bin', new ArrayBuffer(4)]])),
    ).toThrow('model.json needs group1-shard2of2.bin');
  });

  it('decodes uint8-quantised weights with their scale and min', () => {
    const json = JSON.stringify({
      weightsManifest: [
        {
          paths: ['w.bin'],
          weights: [
            {
              name: 'block1_conv1/bias',
              shape: [3],
              dtype: 'float32',
              quantization: { dtype: 'uint8', scale: 0.5, min: -1 },
            },
          ],
        },
      ],
    });
    const weights = readTfjsLayersWeights(
      json,
      new Map([['w.bin', new Uint8Array([0, 2, 4]).buffer]]),
    );
    expect(Array.from(weights.get('block1_conv1')?.[0]?.values ?? [])).toEqual([-1, 0, 1]);
  });
});
