import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocessCaffe } from '../../src/core/model/preprocess.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('caffe preprocessing', () => {
  it('swaps RGB to BGR and subtracts the ImageNet means, without scaling', () => {
    // Two pixels: pure red and an arbitrary colour.
    const pixels: [number, number, number][] = [
      [255, 0, 0],
      [12, 200, 99],
    ];
    const input = tf.tensor4d(pixels.flat(), [1, 1, 2, 3]);
    const out = preprocessCaffe(input);
    const expected = pixels.flatMap(([r, g, b]) => [b - 103.939, g - 116.779, r - 123.68]);
    const actual = Array.from(out.dataSync());
    for (const [i, v] of expected.entries()) expect(actual[i]).toBeCloseTo(v, 4);
    expect(out.shape).toEqual([1, 1, 2, 3]);
    tf.dispose([input, out]);
  });

  it('accepts uint8 pixels and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const input = tf.tensor4d([0, 128, 255], [1, 1, 1, 3], 'int32');
    const out = preprocessCaffe(input);
    expect(out.dtype).toBe('float32');
    // The subtraction happens in float32.
    const f32 = (a: number, b: number) => Math.fround(Math.fround(a) - Math.fround(b));
    expect(Array.from(out.dataSync())).toEqual([
      f32(255, 103.939),
      f32(128, 116.779),
      f32(0, 123.68),
    ]);
    tf.dispose([input, out]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
