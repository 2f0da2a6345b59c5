import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../src/core/model/download.ts';
import { sha256Hex } from '../../src/core/model/hash.ts';
import { applyWeights } from '../../src/core/model/kerasWeights.ts';
import type { NamedWeights } from '../../src/core/model/namedWeights.ts';
import { readTfjsLayersWeights } from '../../src/core/model/tfjsWeights.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';
import { closeStudioDb } from '../../src/storage/db.ts';
import { getWeights, lastWeights, saveWeights } from '../../src/storage/weightsCache.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => closeStudioDb());

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

function streamResponse(chunks: Uint8Array[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

describe('download', () => {
  it('collects the body and reports progress against Content-Length', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    const seen: [number, number | null][] = [];
    const bytes = await download('https://example.test/w.h5', {
      fetch: async () => streamResponse(chunks, { 'content-length': '5' }),
      onProgress: (p) => seen.push([p.loaded, p.total]),
    });
    expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([
      [3, 5],
      [5, 5],
    ]);
  });

  it('works without Content-Length', async () => {
    const bytes = await download('https://example.test/w.h5', {
      fetch: async () => streamResponse([new Uint8Array([7]), new Uint8Array([8, 9])], {}),
    });
    expect(Array.from(new Uint8Array(bytes))).toEqual([7, 8, 9]);
  });

  it('explains a failed request: offline or CORS', async () => {
    const failing = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(download('https://example.test/w.h5', { fetch: failing })).rejects.toThrow(
      /offline, or the server does not allow downloads from other sites \(CORS\)/,
    );
    await expect(
      download('https://example.test/w.h5', { fetch: failing, online: false }),
    ).rejects.toThrow('this device is offline');
  });

  it('names the HTTP status', async () => {
    await expect(
      download('https://example.test/w.h5', {
        fetch: async () => new Response('nope', { status: 404, statusText: 'Not Found' }),
      }),
    ).rejects.toThrow('the server answered 404 Not Found');
  });

  it('notices a connection that closes early', async () => {
    await expect(
      download('https://example.test/w.h5', {
        fetch: async () => streamResponse([new Uint8Array([1])], { 'content-length': '4' }),
      }),
    ).rejects.toThrow('closed after 1 of 4 bytes');
  });
});

describe('weights cache', () => {
  it('keeps the last weights under their SHA-256 and gives them back intact', async () => {
    const bytes = new TextEncoder().encode('abc').buffer;
    // SHA-256("abc") from FIPS 180-2.
    expect(await sha256Hex([bytes])).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const weights: NamedWeights = new Map([
      ['block1_conv1', [{ name: 'k', shape: [2], values: new Float32Array([0.5, -1.25]) }]],
    ]);
    await saveWeights({ hash: 'h1', source: 'a.h5', savedAt: 1, weights });
    await saveWeights({ hash: 'h2', source: 'b.h5', savedAt: 2, weights });
    expect(await getWeights('h1')).toBeNull();
    const last = await lastWeights();
    expect(last?.hash).toBe('h2');
    expect(last?.source).toBe('b.h5');
    expect(Array.from(last?.weights.get('block1_conv1')?.[0]?.values ?? [])).toEqual([0.5, -1.25]);
  });
});
