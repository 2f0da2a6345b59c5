import * as tf from '@tensorflow/tfjs';
import { asTensor, type ComposedKernel, input } from './composed.ts';
import { type ConvAttrs, coveredConv, IM2COL_MAX_BYTES, im2col, im2colChunk } from './geometry.ts';

/**
 * Why: tfjs's WebGPU convolution tiles over input channels, so VGG16's first
 * layer (3 input channels) keeps most of each tile empty. Measured on an
 * NVIDIA H200 through Dawn: a plain tf.conv2d of 224² × 3 → 64 at batch 8 took
 * 41 ms for 1.4 GFLOP (0.03 TFLOP/s). Its im2col copy (27 channels) times the
 * filter as a [27, 64] matrix is the same matMul shape, transposed, as the
 * filter gradient's im2col form measured there at 7.2 ms; this forward form
 * itself is not yet measured on a GPU.
 */

/** Up to this many input channels the im2col form is used (VGG16's first layer has 3). */
export const FEW_CHANNELS = 4;

interface FusedAttrs extends ConvAttrs {
  activation?: string;
  leakyreluAlpha?: number;
}

export function coversFewChannels(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttrs,
  im2colMaxBytes = IM2COL_MAX_BYTES,
): boolean {
  const info = coveredConv(xShape, filterShape, attrs);
  return !!info && info.inChannels <= FEW_CHANNELS && im2colChunk(info, im2colMaxBytes) > 0;
}

const FUSABLE = new Set(['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu']);

/** Conv2D and FusedConv2D (bias and activation, prelu excepted) as im2col × filter, by chunks of images. */
export function conv2dFewChannelsWith(im2colMaxBytes: number): ComposedKernel {
  return (args, fallback) => {
    // tfjs passes this kernel's attributes as a loose map; their shape is tfjs's FusedConv2DAttrs.
    const attrs = args.attrs as unknown as FusedAttrs;
    const x = input(args, 'x');
    const filter = input(args, 'filter');
    const bias = args.inputs.bias;
    const activation = attrs.activation ?? 'linear';
    const info = coveredConv(x.shape, filter.shape, attrs);
    if (
      !info ||
      !coversFewChannels(x.shape, filter.shape, attrs, im2colMaxBytes) ||
      args.inputs.preluActivationWeights ||
      !FUSABLE.has(activation)
    ) {
      return fallback(args);
    }
    const chunk = im2colChunk(info, im2colMaxBytes);
    return tf.tidy(() => {
      const xT = asTensor<tf.Rank.R4>(args, x);
      const taps = info.filterHeight * info.filterWidth;
      const w2d = tf.reshape(asTensor(args, filter), [taps * info.inChannels, info.outChannels]);
      const biasT = bias ? asTensor(args, bias) : undefined;
      const parts: tf.Tensor4D[] = [];
      for (let start = 0; start < info.batchSize; start += chunk) {
        const n = Math.min(chunk, info.batchSize - start);
        parts.push(
          tf.tidy(() => {
            const { top, bottom, left, right } = info.padInfo;
            const rows = tf.slice(xT, [start, 0, 0, 0], [n, -1, -1, -1]);
            const xp = tf.pad(rows, [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ]);
            const cols = tf.reshape(im2col(xp, { ...info, batchSize: n }, 0, n), [
              n * info.outHeight * info.outWidth,
              taps * info.inChannels,
            ]);
            const y = tf.fused.matMul({
              a: cols,
              b: w2d,
              bias: biasT,
              activation: activation as tf.fused.Activation,
              leakyreluAlpha: attrs.leakyreluAlpha,
            });
            return tf.reshape(y, [n, info.outHeight, info.outWidth, info.outChannels]);
          }),
        );
      }
      return parts.length === 1 ? (parts[0] as tf.Tensor4D) : tf.concat(parts, 0);
    });
  };
}

export const conv2dFewChannels = conv2dFewChannelsWith(IM2COL_MAX_BYTES);
