import * as tf from '@tensorflow/tfjs';
import { asTensor, type ComposedKernel, input } from './composed.ts';
import {
  type ConvAttrs,
  chainedSum,
  coveredConv,
  IM2COL_MAX_BYTES,
  im2col,
  im2colChunk,
  padded,
  tapWindow,
} from './geometry.ts';

/**
 * Why: tfjs's WebGPU Conv2DBackpropFilter is one thread per filter element
 * looping over batch × height × width. Measured on an NVIDIA H200 through Dawn
 * (batch 8, 3×3 'same'): 314–349 ms for block1_conv1 (224², 3→64), 296–317 ms
 * for 224² 64→64, 136–138 ms for 112² 128→128, 47–51 ms for 28² 512→512: 0.00–0.60
 * TFLOP/s against matMul's 7.1. The same gradient as matMuls over K = batch·H·W:
 * - nine shifted windows of the padded input, each × dy with matMul(transposeA):
 *   53.6 ms (224² 64→64), 39.8 ms (112² 128→128), 9.9 ms (56² 256→256), 5.7 ms
 *   (28² 512→512, 5.2 TFLOP/s), 4.5 ms (14² 512→512): 1.9–8.3× faster;
 * - one im2col matMul (the nine windows side by side on channels), for few input
 *   channels: 7.2 ms for block1_conv1 (48× faster), 28.0 ms for 224² 64→64,
 *   6.1 ms for 112² 64→128.
 * Both equal tfjs's kernel to ≤ 2.3e-5 relative there.
 */

/** Up to this many input channels the im2col form wins (measured at 3 and 64; the nine-window form at 128). */
export const IM2COL_MAX_IN_CHANNELS = 64;

interface Attrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

export function filterGradientForm(
  xShape: readonly number[],
  attrs: Attrs,
  im2colMaxBytes = IM2COL_MAX_BYTES,
): 'im2col' | 'windows' | null {
  const info = coveredConv(xShape, attrs.filterShape, attrs);
  if (!info) return null;
  return info.inChannels <= IM2COL_MAX_IN_CHANNELS && im2colChunk(info, im2colMaxBytes) > 0
    ? 'im2col'
    : 'windows';
}

export function conv2dBackpropFilterWith(im2colMaxBytes: number): ComposedKernel {
  return (args, fallback) => {
    // tfjs passes this kernel's attributes as a loose map; their shape is tfjs's Conv2DBackpropFilterAttrs.
    const attrs = args.attrs as unknown as Attrs;
    const x = input(args, 'x');
    const dy = input(args, 'dy');
    const info = coveredConv(x.shape, attrs.filterShape, attrs);
    const form = filterGradientForm(x.shape, attrs, im2colMaxBytes);
    if (!info || !form) return fallback(args);
    return tf.tidy(() => {
      const xp = padded(asTensor<tf.Rank.R4>(args, x), info);
      const dyT = asTensor<tf.Rank.R4>(args, dy);
      const grad =
        form === 'im2col'
          ? byIm2col(xp, dyT, info, im2colChunk(info, im2colMaxBytes))
          : byWindows(xp, dyT, info);
      return tf.reshape(grad, attrs.filterShape);
    });
  };
}

/** One matMul per filter tap: [Cin, Cout] each, stacked tap by tap. */
function byWindows(xp: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor {
  const k = info.batchSize * info.outHeight * info.outWidth;
  const dy2d = tf.reshape(dy, [k, info.outChannels]);
  const taps: tf.Tensor[] = [];
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < info.filterWidth; j++) {
      // Each window is freed as soon as its product exists: one copy of x at a time.
      taps.push(
        tf.tidy(() =>
          tf.matMul(tf.reshape(tapWindow(xp, info, i, j), [k, info.inChannels]), dy2d, true, false),
        ),
      );
    }
  }
  return tf.concat(taps, 0);
}

/** One matMul of the im2col copy by dy per chunk of images; chunks summed. */
function byIm2col(
  xp: tf.Tensor4D,
  dy: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
  chunk: number,
): tf.Tensor {
  const taps = info.filterHeight * info.filterWidth;
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < info.batchSize; start += chunk) {
    const n = Math.min(chunk, info.batchSize - start);
    const k = n * info.outHeight * info.outWidth;
    parts.push(
      tf.tidy(() =>
        tf.matMul(
          tf.reshape(im2col(xp, info, start, n), [k, taps * info.inChannels]),
          tf.reshape(tf.slice(dy, [start, 0, 0, 0], [n, -1, -1, -1]), [k, info.outChannels]),
          true,
          false,
        ),
      ),
    );
  }
  return chainedSum(parts);
}

export const conv2dBackpropFilter = conv2dBackpropFilterWith(IM2COL_MAX_BYTES);
