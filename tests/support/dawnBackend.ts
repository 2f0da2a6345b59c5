import * as tf from '@tensorflow/tfjs';
import { type DawnStarted, registerDawnBackend, swiftShaderIcd } from '../../bench/lib/dawn.ts';

let started: Promise<DawnStarted | { reason: string }> | null = null;

/**
 * tfjs's WebGPU backend on Dawn in Node: the GPU when there is one, else
 * Chromium's SwiftShader Vulkan driver. Resolves with why not when neither starts.
 */
export function dawnBackend(): Promise<DawnStarted | { reason: string }> {
  started ??= (async () => {
    const icd = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES ?? swiftShaderIcd();
    if (!icd) return { reason: 'no SwiftShader Vulkan driver found beside Chromium' };
    const dawn = await registerDawnBackend(icd);
    if ('reason' in dawn) return dawn;
    if (!(await tf.setBackend('webgpu')))
      return { reason: 'tfjs could not start its WebGPU backend' };
    await tf.ready();
    return dawn;
  })();
  return started;
}

/** Largest absolute difference over the largest reference magnitude. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return scale === 0 ? diff : diff / scale;
}
