import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StepKind } from '../../bench/lib/results.ts';
import { stepFor } from '../../bench/lib/throughput.ts';
import { buildClassifier } from '../../src/core/model/classifier.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { useBackend } from '../support/tfBackend.ts';

const SIZE = 32;
const BATCH = 1;

beforeAll(async () => {
  await useBackend('cpu');
});
afterAll(async () => {
  await useBackend('wasm');
});

it('runs a fine-tune step after a head step on one model (each kind has its own optimizer)', async () => {
  const classifier = buildClassifier({ ...DEFAULT_MODEL_OPTIONS, inputSize: SIZE }, 1);
  const x = tf.randomUniform([BATCH, SIZE, SIZE, 3], 0, 255, 'float32', 3) as tf.Tensor4D;
  const y = tf.tensor2d([1], [BATCH, 1]);
  const before = tf.memory().numTensors;
  const optimizers = new Map<StepKind, tf.Optimizer>();
  // A momentum optimizer shared by the head step and a fine-tune step would pair the head's
  // first slot with block 5's kernel and fail to broadcast them.
  for (const kind of ['train', 'fineTune'] as const) {
    await stepFor(kind, classifier, x, y, optimizers)();
  }
  expect([...optimizers.keys()].sort()).toEqual(['fineTune', 'train']);
  for (const optimizer of optimizers.values()) optimizer.dispose();
  // tfjs's MomentumOptimizer.dispose() leaves its learning-rate scalar: one per optimizer.
  expect(tf.memory().numTensors).toBe(before + optimizers.size);
  classifier.dispose();
  tf.dispose([x, y]);
}, 300_000);
