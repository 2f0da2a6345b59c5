import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseWeights, type CachedBaseWeights } from '../../src/core/model/baseWeights.ts';
import { sha256Hex } from '../../src/core/model/hash.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';
import {
  filesSource,
  type WeightFile,
  weightsFromFiles,
  weightsFromUrl,
} from '../../src/core/model/weightSources.ts';
import type { WeightsStatus } from '../../src/domain/model.ts';

/** VGG16's weights as tfjs writes them: model.json and one .bin shard. */
let json: ArrayBuffer;
let bin: ArrayBuffer;
const SHARD = 'group1-shard1of1.bin';

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildVgg16({ inputSize: 32, seed: 3 });
  const artifacts = await new Promise<tf.io.ModelArtifacts>((resolve) => {
    void model.save(
      tf.io.withSaveHandler(async (saved) => {
        resolve(saved);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
  });
  model.dispose();
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('nothing saved');
  bin = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const manifest = [{ paths: [SHARD], weights: artifacts.weightSpecs }];
  json = new TextEncoder().encode(
    JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: manifest }),
  ).buffer as ArrayBuffer;
});
afterAll(() => tf.disposeVariables());

const file = (name: string, bytes: ArrayBuffer): WeightFile => ({
  name,
  size: bytes.byteLength,
  arrayBuffer: async () => bytes,
});

/** A server holding model.json and its shard under /w/; it logs what was asked. */
function server(asked: string[]) {
  return async (url: string) => {
    asked.push(url);
    if (url.endsWith('/w/model.json')) return new Response(json);
    if (url.endsWith(`/w/${SHARD}`)) return new Response(bin);
    return new Response('missing', { status: 404, statusText: 'Not Found' });
  };
}

describe('weight sources', () => {
  it('files and a URL give the same checked weights and the same hash', async () => {
    const fromFiles = await weightsFromFiles([file('model.json', json), file(SHARD, bin)]);
    const asked: string[] = [];
    const fromUrl = await weightsFromUrl('https://example.test/w/model.json', {
      fetch: server(asked),
    });
    // The shard is fetched from beside model.json, as its manifest names it.
    expect(asked).toEqual(['https://example.test/w/model.json', `https://example.test/w/${SHARD}`]);
    expect(fromFiles.hash).toBe(await sha256Hex([json, bin]));
    expect(fromUrl.hash).toBe(fromFiles.hash);
    expect(fromFiles.source).toBe('model.json');
    expect(fromUrl.source).toBe('https://example.test/w/model.json');
    // 13 convolutions, each with a kernel and a bias.
    const convs = [...fromFiles.weights.keys()].filter((name) => name.includes('conv'));
    expect(convs).toHaveLength(13);
    expect(fromUrl.weights.get('block1_conv1')?.map((w) => w.shape)).toEqual([[3, 3, 3, 64], [64]]);
  });

  it('names the file set by its model.json, and refuses several files without one', async () => {
    expect(filesSource([file(SHARD, bin), file('model.json', json)])).toBe('model.json');
    await expect(weightsFromFiles([file('a.h5', bin), file('b.h5', bin)])).rejects.toThrow(
      'Choose one .h5 file, or a model.json with its .bin files (got 2 files without a model.json)',
    );
    await expect(weightsFromFiles([file('model.json', json)])).rejects.toThrow(
      `model.json needs ${SHARD}: choose it together with model.json`,
    );
    await expect(weightsFromUrl('example.test/w.h5')).rejects.toThrow('is not a full URL');
  });

  it('stops a download when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the page'));
    await expect(
      weightsFromUrl('https://example.test/w/model.json', {
        fetch: server([]),
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled by the page');
  });
});

describe('base weights', () => {
  function harness() {
    const statuses: WeightsStatus[] = [];
    const failures: string[] = [];
    const saved: CachedBaseWeights[] = [];
    const weights = new BaseWeights(
      { last: async () => null, save: async (entry) => void saved.push(entry) },
      { status: (s) => statuses.push(s), failed: (m) => failures.push(m) },
    );
    return { weights, statuses, failures, saved };
  }
  const read = () => weightsFromFiles([file('model.json', json), file(SHARD, bin)]);

  it('installs and caches loaded weights; a failed load keeps them and says why', async () => {
    const h = harness();
    await h.weights.load('model.json', read);
    expect(h.weights.weights?.hash).toBe(await sha256Hex([json, bin]));
    expect(h.saved.map((s) => s.source)).toEqual(['model.json']);
    expect(h.statuses.at(-1)).toMatchObject({ kind: 'imagenet', cache: 'saved' });
    await expect(
      h.weights.load('bad.h5', () => weightsFromFiles([file('bad.h5', bin)])),
    ).rejects.toThrow('bad.h5 is not an HDF5 file');
    expect(h.failures).toEqual([expect.stringContaining('bad.h5 is not an HDF5 file')]);
    // The page falls back to the weights still in use.
    expect(h.statuses.at(-1)).toMatchObject({ kind: 'imagenet', source: 'model.json' });
  });

  it('a later load wins over an earlier one still running', async () => {
    const h = harness();
    let release = () => {};
    const slow = h.weights.load('slow.json', async (options) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      options.signal?.throwIfAborted();
      return read();
    });
    await h.weights.load('model.json', read);
    release();
    await expect(slow).rejects.toThrow('A later load of VGG16 weights replaced this one.');
    expect(h.failures).toEqual([]);
    expect(h.saved.map((s) => s.source)).toEqual(['model.json']);
  });
});
