import * as tf from '@tensorflow/tfjs';
import { asTensor, type ComposedKernel, input } from './composed.ts';
import { type ConvAttrs, coveredConv } from './geometry.ts';

/**
 * Why: the input gradient of a stride-1 convolution is itself a convolution
 * of dy with the filter turned 180° and its channel axes swapped, padded so
 * every output position is reached ("full" correlation). That runs on tfjs's
 * forward convolution program instead of its transposed-convolution one. Not
 * measured on a GPU yet: tfjs 4.22's WebGPU Conv2DBackpropInput is already a
 * matMul-style program, so this kernel is only registered on request
 * (?kernels=all) until the per-layer bench on a GPU shows it wins.
 */

interface Attrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

export function coversInputGradient(filterShape: readonly number[], attrs: Attrs): boolean {
  return coveredConv(attrs.inputShape, filterShape, attrs) !== null;
}

export const conv2dBackpropInput: ComposedKernel = (args, fallback) => {
  // tfjs passes this kernel's attributes as a loose map; their shape is tfjs's Conv2DBackpropInputAttrs.
  const attrs = args.attrs as unknown as Attrs;
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  const info = coveredConv(attrs.inputShape, filter.shape, attrs);
  if (!info) return fallback(args);
  const { top, bottom, left, right } = info.padInfo;
  const fh = info.filterHeight;
  const fw = info.filterWidth;
  return tf.tidy(() => {
    const turned = tf.transpose(
      tf.reverse(asTensor(args, filter), [0, 1]),
      [0, 1, 3, 2],
    ) as tf.Tensor4D;
    return tf.conv2d(asTensor<tf.Rank.R4>(args, dy), turned, 1, [
      [0, 0],
      [fh - 1 - top, fh - 1 - bottom],
      [fw - 1 - left, fw - 1 - right],
      [0, 0],
    ]);
  });
};
