import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VGG16_BLOCKS, vgg16Convs } from '../../src/core/model/architecture.ts';
import { applyWeights, readKerasWeights } from '../../src/core/model/kerasWeights.ts';
import type { NamedWeights } from '../../src/core/model/namedWeights.ts';
import { preprocessCaffe } from '../../src/core/model/preprocess.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';
import {
  seededUniform,
  VGG16_LAYER_NAMES,
  vgg16Weights,
  writeKerasH5,
} from '../support/kerasH5.ts';

/**
 * An independent VGG16: direct loops over NHWC in float64, written from the
 * definitions (3×3 "same" convolution + ReLU, 2×2 max pooling with stride 2,
 * caffe preprocessing), sharing nothing with tfjs but the weights.
 */
interface Image {
  h: number;
  w: number;
  c: number;
  data: Float64Array;
}

function conv3x3Relu(x: Image, kernel: Float32Array, bias: Float32Array, out: number): Image {
  const { h, w, c } = x;
  const y = new Float64Array(h * w * out);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const o = (i * w + j) * out;
      for (let f = 0; f < out; f++) y[o + f] = bias[f] ?? 0;
      for (let di = 0; di < 3; di++) {
        const ii = i + di - 1;
        if (ii < 0 || ii >= h) continue;
        for (let dj = 0; dj < 3; dj++) {
          const jj = j + dj - 1;
          if (jj < 0 || jj >= w) continue;
          const xi = (ii * w + jj) * c;
          // Kernel layout [kh, kw, in, out], as Keras and tfjs store it.
          const kBase = (di * 3 + dj) * c * out;
          for (let k = 0; k < c; k++) {
            const v = x.data[xi + k] ?? 0;
            if (v === 0) continue;
            const kk = kBase + k * out;
            for (let f = 0; f < out; f++) y[o + f] = (y[o + f] ?? 0) + v * (kernel[kk + f] ?? 0);
          }
        }
      }
    }
  }
  for (let n = 0; n < y.length; n++) if ((y[n] ?? 0) < 0) y[n] = 0;
  return { h, w, c: out, data: y };
}

function maxPool2(x: Image): Image {
  const h = x.h / 2;
  const w = x.w / 2;
  const y = new Float64Array(h * w * x.c);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      for (let k = 0; k < x.c; k++) {
        let m = -Infinity;
        for (const [di, dj] of [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ] as const) {
          m = Math.max(m, x.data[((2 * i + di) * x.w + 2 * j + dj) * x.c + k] ?? -Infinity);
        }
        y[(i * w + j) * x.c + k] = m;
      }
    }
  }
  return { h, w, c: x.c, data: y };
}

function referenceVgg16(rgb: Float64Array, size: number, weights: NamedWeights): Image {
  const bgr = new Float64Array(rgb.length);
  const mean = [103.939, 116.779, 123.68];
  for (let p = 0; p < size * size; p++) {
    for (let ch = 0; ch < 3; ch++) bgr[p * 3 + ch] = (rgb[p * 3 + 2 - ch] ?? 0) - (mean[ch] ?? 0);
  }
  let x: Image = { h: size, w: size, c: 3, data: bgr };
  VGG16_BLOCKS.forEach((filters, b) => {
    filters.forEach((f, c) => {
      const [kernel, bias] = weights.get(`block${b + 1}_conv${c + 1}`) ?? [];
      if (!kernel || !bias) throw new Error('missing weights');
      x = conv3x3Relu(x, kernel.values, bias.values, f);
    });
    x = maxPool2(x);
  });
  return x;
}

const dir = mkdtempSync(join(tmpdir(), 'vgg16-forward-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('VGG16 forward pass with loaded weights', () => {
  it('matches the independent loop implementation to 1e-4 relative at 32×32', async () => {
    // He-scaled weights keep activations in range through 13 ReLU layers.
    const next = seededUniform(2024);
    const filters = new Map(vgg16Convs().map((c) => [c.name, c.filters]));
    const weights = vgg16Weights('official', (layer, index, size) => {
      const values = new Float32Array(size);
      const fanIn = size / (filters.get(layer) ?? 1);
      const scale = index === 0 ? Math.sqrt(6 / fanIn) : 0.05;
      for (let k = 0; k < size; k++) values[k] = (next() * 2 - 1) * scale;
      return values;
    });
    const path = join(dir, 'forward.h5');
    await writeKerasH5(path, VGG16_LAYER_NAMES, weights);
    const file = readFileSync(path);
    const read = await readKerasWeights(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    );

    const size = 32;
    const rgb = new Float64Array(size * size * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = Math.floor(next() * 256);

    const model = buildVgg16({ inputSize: size });
    try {
      applyWeights(model, read);
      const actual = tf.tidy(() => {
        const input = preprocessCaffe(tf.tensor4d(Float32Array.from(rgb), [1, size, size, 3]));
        return (model.predict(input) as tf.Tensor).dataSync();
      });
      const expected = referenceVgg16(rgb, size, read);
      expect(actual.length).toBe(expected.data.length);
      let maxAbs = 0;
      let maxDiff = 0;
      for (let i = 0; i < actual.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(expected.data[i] ?? 0));
        maxDiff = Math.max(maxDiff, Math.abs((actual[i] ?? 0) - (expected.data[i] ?? 0)));
      }
      // The output must carry signal, or the comparison would prove nothing.
      expect(maxAbs).toBeGreaterThan(1e-3);
      expect(maxDiff / maxAbs).toBeLessThan(1e-4);
    } finally {
      model.dispose();
    }
  });
});
