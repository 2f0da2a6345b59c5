import * as tf from '@tensorflow/tfjs';
import { assertInputSize, VGG16_BLOCKS, VGG16_INPUT_NAME } from './architecture.ts';
import { applySymbolic, glorot } from './symbolic.ts';

export interface Vgg16Options {
  /** Square input side: a multiple of 32 from 32 to 224. */
  inputSize: number;
  /** Seeds the Glorot initialisers, for reproducible random weights. */
  seed?: number;
}

/**
 * Keras's `VGG16(include_top=False)`: same layer names, shapes and order, so
 * the official weights load by name. Randomly initialised (Glorot uniform
 * kernels, zero biases, as Keras does) until weights are applied.
 */
export function buildVgg16(options: Vgg16Options): tf.LayersModel {
  const { inputSize, seed } = options;
  assertInputSize(inputSize);
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: VGG16_INPUT_NAME });
  let x = input;
  let index = 0;
  VGG16_BLOCKS.forEach((filtersOfBlock, b) => {
    filtersOfBlock.forEach((filters, c) => {
      const conv = tf.layers.conv2d({
        name: `block${b + 1}_conv${c + 1}`,
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: glorot(seed, index++),
        biasInitializer: 'zeros',
      });
      x = applySymbolic(conv, x);
    });
    const pool = tf.layers.maxPooling2d({ name: `block${b + 1}_pool`, poolSize: 2, strides: 2 });
    x = applySymbolic(pool, x);
  });
  return tf.model({ inputs: input, outputs: x, name: 'vgg16' });
}
