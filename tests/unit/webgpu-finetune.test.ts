import * as tf from '@tensorflow/tfjs';
import { afterAll, expect, it } from 'vitest';
import {
  registerFastKernels,
  restoreTfjsKernels,
} from '../../src/core/backend/kernels/register.ts';
import { buildClassifier, setTrainableBlocks } from '../../src/core/model/classifier.ts';
import { preprocessCaffe } from '../../src/core/model/preprocess.ts';
import { seededRandom } from '../../src/core/random.ts';
import { trainStep } from '../../src/core/training/step.ts';
import type { KernelChoice } from '../../src/domain/backend.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { dawnBackend, relativeError } from '../support/dawnBackend.ts';

/**
 * Two SGD steps through the whole base (every convolution's gradients, the
 * first layer's forward) on WebGPU: the composed kernels must move every
 * weight as tfjs's own kernels do, to 1e-4 relative. The change of each
 * weight is compared, not the weights: a small step leaves them equal anyway.
 */

const SIZE = 32;
const BATCH = 2;
const STEPS = 2;

async function weightChanges(kernels: KernelChoice): Promise<Float32Array[]> {
  registerFastKernels('webgpu', kernels);
  const classifier = buildClassifier(
    {
      ...DEFAULT_MODEL_OPTIONS,
      inputSize: SIZE,
      head: { pooling: 'flatten', dense: [8], dropout: 0 },
    },
    5,
  );
  const random = seededRandom(11);
  const x = tf.tensor4d(
    Float32Array.from({ length: BATCH * SIZE * SIZE * 3 }, () => random() * 255),
    [BATCH, SIZE, SIZE, 3],
  );
  const y = tf.tensor2d([0, 1], [BATCH, 1]);
  const optimizer = tf.train.sgd(0.05);
  setTrainableBlocks(classifier, 1);
  const variables = classifier.full.trainableWeights.map((w) => w.read() as tf.Variable);
  const before = await Promise.all(variables.map((v) => v.data() as Promise<Float32Array>));
  const inputs = preprocessCaffe(x);
  for (let step = 0; step < STEPS; step++) {
    await trainStep(classifier.full, variables, optimizer, inputs, y);
  }
  const after = await Promise.all(variables.map((v) => v.data() as Promise<Float32Array>));
  tf.dispose([x, y, inputs]);
  optimizer.dispose();
  classifier.dispose();
  return after.map((a, i) => {
    const start = before[i] as Float32Array;
    return a.map((value, j) => value - (start[j] as number));
  });
}

const dawn = await dawnBackend();
const unavailable = 'reason' in dawn ? dawn.reason : null;

afterAll(() => restoreTfjsKernels('webgpu'));

it.skipIf(unavailable !== null)(
  'a whole-base fine-tune on WebGPU changes the weights as with tfjs kernels, to 1e-4',
  async () => {
    const reference = await weightChanges('tfjs');
    const composed = await weightChanges('all');
    expect(composed).toHaveLength(reference.length);
    const errors = composed.map((c, i) => relativeError(c, reference[i] as Float32Array));
    expect(Math.max(...errors)).toBeLessThan(1e-4);
  },
  600_000,
);
