import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/core/cluster/loadModelFile.ts';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import { summarizeTest } from '../../src/core/evaluation/metrics.ts';
import { predictImages } from '../../src/core/evaluation/predict.ts';
import { SHARD_BYTES, shardName, toModelFiles } from '../../src/core/export/artifacts.ts';
import { buildMetadata, parseMetadata, testMetrics } from '../../src/core/export/metadata.ts';
import { predictRgb, verdict } from '../../src/core/export/predict.ts';
import { buildModelZip, loadModelZip, readModelZip } from '../../src/core/export/zip.ts';
import { buildClassifier, type Classifier } from '../../src/core/model/classifier.ts';
import { NO_AUGMENT } from '../../src/domain/dataset.ts';
import type { ModelMetadata } from '../../src/domain/export.ts';
import { DEFAULT_MODEL_OPTIONS, type ModelOptions } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING, type RunConfig } from '../../src/domain/training.ts';
import { modelNotSavedError } from '../../src/storage/models.ts';
import { gradientJpeg } from '../support/gradientJpeg.ts';
import { rawDecoder, tinyDataset } from '../support/tinyDataset.ts';

const SIZE = 32;
const OPTIONS: ModelOptions = {
  ...DEFAULT_MODEL_OPTIONS,
  inputSize: SIZE,
  head: { pooling: 'flatten', dense: [16], dropout: 0.5 },
};
const CONFIG: RunConfig = { model: OPTIONS, augment: NO_AUGMENT, training: REFERENCE_TRAINING };
const CLASSES: [string, string] = ['female', 'male'];
const HISTORY = [
  {
    epoch: 1,
    phase: 'head' as const,
    loss: 0.6,
    accuracy: 0.7,
    valLoss: 0.55,
    valAccuracy: 0.72,
    seconds: 4,
  },
];
// A known test set: labels [0, 0, 1, 1], p = [0.1, 0.4, 0.35, 0.8] → accuracy 3/4 at 0.5.
const TEST = summarizeTest({
  labels: [0, 0, 1, 1],
  probabilities: [0.1, 0.4, 0.35, 0.8],
  threshold: 0.5,
  classNames: CLASSES,
  misclassified: [],
  split: 'test',
  randomWeights: true,
});

function metadata(threshold = 0.5): ModelMetadata {
  return buildMetadata({
    name: 'unit-model',
    runId: 'run-1',
    exportedAt: new Date('2024-05-01T12:00:00Z'),
    classNames: CLASSES,
    inputSize: SIZE,
    threshold,
    config: CONFIG,
    history: HISTORY,
    test: testMetrics(TEST),
    backend: {
      name: 'cpu',
      reason: 'forced',
      forced: true,
      canFineTune: true,
      detail: null,
      threads: null,
      kernels: [],
    },
    randomWeights: true,
    dataset: null,
  });
}

let classifier: Classifier;
let photo: Uint8Array;
let zipBytes: ArrayBuffer;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  classifier = buildClassifier(OPTIONS, 7);
  photo = (await jpegDecoder.decode(gradientJpeg(48, 40, 128), 'gradient.jpg', SIZE)).data;
  zipBytes = await buildModelZip(classifier.full, metadata());
});

afterAll(() => classifier.dispose());

describe('the model zip', () => {
  it('holds model.json, every shard it lists (4 MB each, as tfjs writes them) and metadata.json', async () => {
    const zip = await JSZip.loadAsync(zipBytes);
    const modelJson = JSON.parse(
      await (zip.file('model.json') as JSZip.JSZipObject).async('string'),
    );
    const paths: string[] = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
    const weightBytes = classifier.full.countParams() * 4;
    const shards = Math.ceil(weightBytes / SHARD_BYTES);
    expect(paths).toEqual(Array.from({ length: shards }, (_, i) => shardName(i, shards)));
    let total = 0;
    for (const [i, path] of paths.entries()) {
      const shard = await (zip.file(path) as JSZip.JSZipObject).async('uint8array');
      expect(shard.byteLength).toBe(i < shards - 1 ? SHARD_BYTES : weightBytes - SHARD_BYTES * i);
      total += shard.byteLength;
    }
    expect(total).toBe(weightBytes);
    expect(zip.file('metadata.json')).not.toBeNull();
    expect(Object.keys(zip.files).sort()).toEqual(['metadata.json', 'model.json', ...paths].sort());
  });

  it('loads back with plain tfjs and predicts the same probability for the same image', async () => {
    const expected = await predictRgb(classifier.full, photo, SIZE);
    // Plain tfjs, as another app would: model.json, its shards in manifest order, fromMemory.
    const zip = await JSZip.loadAsync(zipBytes);
    const modelJson = JSON.parse(
      await (zip.file('model.json') as JSZip.JSZipObject).async('string'),
    );
    const manifest: tf.io.WeightsManifestConfig = modelJson.weightsManifest;
    const shards = await Promise.all(
      manifest
        .flatMap((g) => g.paths)
        .map((p) => (zip.file(p) as JSZip.JSZipObject).async('arraybuffer')),
    );
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: manifest.flatMap((g) => g.weights),
        weightData: tf.io.concatenateArrayBuffers(shards),
      }),
    );
    const x = tf.tidy(() => {
      // caffe preprocessing by hand, from metadata.json's own description.
      const rgb = tf.tensor4d(photo, [1, SIZE, SIZE, 3], 'float32');
      return tf.reverse(rgb, -1).sub(tf.tensor1d([103.939, 116.779, 123.68]));
    });
    const p = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()[0] as number);
    x.dispose();
    model.dispose();
    expect(Math.abs(p - expected)).toBeLessThanOrEqual(1e-3);
  });

  it("loads back through the studio's own reader with the same prediction and metadata", async () => {
    const before = tf.memory().numTensors;
    const loaded = await loadModelZip(zipBytes, 'unit-model.zip');
    const expected = await predictRgb(classifier.full, photo, SIZE);
    const p = await predictRgb(loaded.model, photo, SIZE);
    expect(Math.abs(p - expected)).toBeLessThanOrEqual(1e-3);
    expect(loaded.metadata).toEqual(metadata());
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('"Load model" takes the studio zip as before, bringing no run with it', async () => {
    const before = tf.memory().numTensors;
    const loaded = await loadModelFile(new Uint8Array(zipBytes), 'unit-model.zip');
    expect(loaded.run).toBeNull();
    expect(loaded.metadata).toEqual(metadata());
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('metadata.json says what another program needs to use the model', async () => {
    const zip = await JSZip.loadAsync(zipBytes);
    const m = JSON.parse(await (zip.file('metadata.json') as JSZip.JSZipObject).async('string'));
    expect(m.classNames).toEqual(CLASSES);
    expect(m.threshold).toBe(0.5);
    expect(m.inputSize).toBe(SIZE);
    expect(m.inputShape).toEqual([null, SIZE, SIZE, 3]);
    expect(m.preprocessing).toEqual({
      mode: 'caffe',
      order: 'BGR',
      mean: [103.939, 116.779, 123.68],
      scale: 1,
      input: `RGB 0..255 resized to ${SIZE}×${SIZE}`,
    });
    expect(m.training).toEqual(CONFIG);
    expect(m.history).toEqual(HISTORY);
    expect(m.test.accuracy).toBe(0.75);
    expect(m.test.count).toBe(4);
    expect(m.test.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(m.backend).toEqual({ name: 'cpu', reason: 'forced' });
    expect(m.baseWeights).toBe('random');
    expect(m.modelCard.intendedUse).toMatch(/not for decisions about people/i);
    expect(m.modelCard.limitations.join(' ')).toMatch(/binary label/);
    expect(m.modelCard.summary).toMatch(/RANDOM base weights/);
  });

  it('names what is wrong with a zip that is not an export', async () => {
    const empty = new JSZip();
    empty.file('readme.txt', 'hello');
    await expect(
      readModelZip(await empty.generateAsync({ type: 'arraybuffer' }), 'other.zip'),
    ).rejects.toThrow('other.zip holds no model.json');

    const zip = await JSZip.loadAsync(zipBytes);
    zip.remove(shardName(0, Math.ceil((classifier.full.countParams() * 4) / SHARD_BYTES)));
    const broken = await zip.generateAsync({ type: 'arraybuffer' });
    await expect(readModelZip(broken, 'broken.zip')).rejects.toThrow(
      /broken\.zip lacks the weight file group1-shard1of\d+\.bin/,
    );
    await expect(readModelZip(new Uint8Array([1, 2, 3]), 'junk.zip')).rejects.toThrow(
      'junk.zip is not a readable zip',
    );
  });

  it('reads a zip made again around a folder', async () => {
    const original = await JSZip.loadAsync(zipBytes);
    const nested = new JSZip();
    for (const [name, entry] of Object.entries(original.files)) {
      nested.file(`my-model/${name}`, await entry.async('uint8array'));
    }
    const { metadata: m } = await readModelZip(
      await nested.generateAsync({ type: 'arraybuffer' }),
      'nested.zip',
    );
    expect(m.name).toBe('unit-model');
  });
});

describe('sharding', () => {
  it('splits the weight bytes every shardBytes, one manifest group, tfjs file names', () => {
    const weightData = new Uint8Array(25).map((_, i) => i).buffer;
    const files = toModelFiles(
      {
        modelTopology: { class_name: 'Model' },
        weightSpecs: [{ name: 'w', shape: [25], dtype: 'int32' }],
        weightData,
      },
      10,
    );
    expect(files.shards.map((s) => s.path)).toEqual([
      'group1-shard1of3.bin',
      'group1-shard2of3.bin',
      'group1-shard3of3.bin',
    ]);
    expect(files.shards.map((s) => s.bytes.byteLength)).toEqual([10, 10, 5]);
    expect([...new Uint8Array(files.shards[2]?.bytes ?? new ArrayBuffer(0))]).toEqual([
      20, 21, 22, 23, 24,
    ]);
    expect(files.modelJson.weightsManifest).toEqual([
      {
        paths: files.shards.map((s) => s.path),
        weights: [{ name: 'w', shape: [25], dtype: 'int32' }],
      },
    ]);
  });
});

describe('prediction', () => {
  it('does not leak tensors', async () => {
    await predictRgb(classifier.full, photo, SIZE);
    const before = tf.memory().numTensors;
    await predictRgb(classifier.full, photo, SIZE);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the class on the right side of the threshold with its own probability', () => {
    expect(verdict(0.8, CLASSES, 0.5)).toEqual({ className: 'male', confidence: 0.8 });
    expect(verdict(0.3, CLASSES, 0.5)).toEqual({ className: 'female', confidence: 0.7 });
    expect(verdict(0.3, CLASSES, 0.3)).toEqual({ className: 'male', confidence: 0.3 });
  });

  it('refuses pixels of the wrong size', async () => {
    await expect(predictRgb(classifier.full, new Uint8Array(10), SIZE)).rejects.toThrow(
      `Expected ${SIZE}×${SIZE} RGB pixels`,
    );
  });
});

describe('evaluating a loaded model', () => {
  it('gives one probability per test image, the same as predicting each alone', async () => {
    const dataset = tinyDataset({ train: 0, validation: 0, test: 6 }, SIZE);
    const result = await predictImages(
      classifier.full,
      dataset.splits.test,
      dataset.source,
      rawDecoder,
      SIZE,
      { keepWrong: false },
    );
    expect(result?.labels).toEqual(dataset.splits.test.map((r) => r.label));
    const first = dataset.splits.test[0];
    if (!first || !result) throw new Error('no test images');
    const alone = await predictRgb(classifier.full, await dataset.source.read(first.name), SIZE);
    expect(Math.abs((result.probabilities[0] as number) - alone)).toBeLessThanOrEqual(1e-5);
  });
});

describe('metadata.json checks', () => {
  it('accepts its own metadata and names the field that is wrong in another', () => {
    expect(parseMetadata(metadata(), 'm.json').inputSize).toBe(SIZE);
    expect(() => parseMetadata({ format: 'other' }, 'm.json')).toThrow('m.json is not a CelebA');
    expect(() => parseMetadata({ ...metadata(), inputSize: 30 }, 'm.json')).toThrow('"inputSize"');
    expect(() => parseMetadata({ ...metadata(), classNames: ['a'] }, 'm.json')).toThrow(
      '"classNames"',
    );
    expect(() => parseMetadata({ ...metadata(), threshold: 1.5 }, 'm.json')).toThrow('"threshold"');
  });
});

describe('a storage failure', () => {
  it('says the quota is full and that the model was not saved, and the download still builds', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const failing = tf.io.withSaveHandler(async () => {
      throw quota;
    });
    const error = await classifier.full.save(failing).then(
      () => null,
      (e: unknown) => modelNotSavedError(e),
    );
    expect(error?.message).toMatch(
      /^Browser storage is unavailable \(the storage quota is full.*\): the model was not saved\. Download it instead\.$/,
    );
    const zip = await JSZip.loadAsync(await buildModelZip(classifier.full, metadata()));
    expect(zip.file('model.json')).not.toBeNull();
    expect(zip.file('metadata.json')).not.toBeNull();
  });

  it('says when the browser refuses storage, as in private mode', () => {
    const refused = new DOMException('A mutation operation was attempted', 'InvalidStateError');
    expect(modelNotSavedError(refused).message).toMatch(
      /^Browser storage is unavailable \(the browser refuses IndexedDB here, as in private mode.*\): the model was not saved\. Download it instead\.$/,
    );
  });
});
