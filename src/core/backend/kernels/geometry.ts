import * as tf from '@tensorflow/tfjs';

/** Convolution attributes as tfjs's kernels receive them (NHWC or NCHW, any padding). */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The shape facts of one convolution, or null when the composed forms here
 * do not cover it (they handle channels-last, stride 1, no dilation); the
 * caller then runs tfjs's own kernel.
 */
export function coveredConv(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttrs,
): tf.backend_util.Conv2DInfo | null {
  if (xShape.length !== 4 || filterShape.length !== 4) return null;
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return null;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const { top, bottom, left, right } = info.padInfo;
  if (Math.min(top, bottom, left, right) < 0) return null;
  if (top >= info.filterHeight || bottom >= info.filterHeight) return null;
  if (left >= info.filterWidth || right >= info.filterWidth) return null;
  return info;
}

/** x with the convolution's zero padding around its rows and columns. */
export function padded(x: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const { top, bottom, left, right } = info.padInfo;
  if (top + bottom + left + right === 0) return x.clone();
  return tf.pad(x, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]);
}

/**
 * The window of the padded input that filter tap (i, j) sees, for every
 * output position: [batch, outHeight, outWidth, inChannels].
 */
export function tapWindow(
  xp: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
  i: number,
  j: number,
  batchStart = 0,
  batchSize = info.batchSize,
): tf.Tensor4D {
  return tf.slice(xp, [batchStart, i, j, 0], [batchSize, info.outHeight, info.outWidth, -1]);
}

/** Every tap's window side by side on the channel axis (im2col): [batch, outH, outW, fh·fw·Cin]. */
export function im2col(
  xp: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
  batchStart: number,
  batchSize: number,
): tf.Tensor4D {
  const windows: tf.Tensor4D[] = [];
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < info.filterWidth; j++) {
      windows.push(tapWindow(xp, info, i, j, batchStart, batchSize));
    }
  }
  const cols = tf.concat(windows, 3);
  tf.dispose(windows);
  return cols;
}

/**
 * Images per chunk so that one chunk's im2col copy stays within `maxBytes`
 * (0 when even one image's does not). WebGPU guarantees storage bindings of
 * 128 MiB; larger copies would also cost memory the built-in kernels do not.
 */
export function im2colChunk(info: tf.backend_util.Conv2DInfo, maxBytes: number): number {
  const perImage =
    info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels * 4;
  return Math.min(info.batchSize, Math.floor(maxBytes / perImage));
}

export const IM2COL_MAX_BYTES = 128 * 1024 * 1024;

/** Sums tensors one add at a time (tf.addN of eight failed to compile on an NVIDIA adapter). */
export function chainedSum<T extends tf.Tensor>(parts: T[]): T {
  let sum = parts[0];
  if (!sum) throw new Error('chainedSum needs at least one tensor');
  for (const part of parts.slice(1)) {
    const next = tf.add(sum, part) as T;
    if (sum !== parts[0]) sum.dispose();
    sum = next;
  }
  return sum;
}
