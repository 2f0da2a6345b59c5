import * as tf from '@tensorflow/tfjs';

/** What a tfjs kernel function receives. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];
export type KernelResult = ReturnType<tf.KernelFunc>;

/**
 * A kernel written with tfjs ops. `fallback` is the backend's own kernel,
 * run for the shapes the composed form does not cover.
 */
export type ComposedKernel = (args: KernelArgs, fallback: tf.KernelFunc) => KernelResult;

/**
 * A kernel's input as a tensor that ops accept. Ops run inside a kernel are
 * not recorded for gradients (tfjs records only the outer kernel). The tensor
 * holds its own reference to the input's data, as tfjs's Identity kernel
 * does, so disposing it leaves the input alone.
 */
export function asTensor<R extends tf.Rank>(args: KernelArgs, info: tf.TensorInfo): tf.Tensor<R> {
  // KernelFunc types its backend as {}; it is the backend the kernel was registered for.
  (args.backend as tf.KernelBackend).incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

/** A kernel input that must be there. */
export function input(args: KernelArgs, name: string): tf.TensorInfo {
  const info = args.inputs[name];
  if (!info) throw new Error(`The kernel got no input '${name}'`);
  return info;
}
