import * as tf from '@tensorflow/tfjs';
import type { KernelChoice } from '../../../domain/backend.ts';
import type { ComposedKernel } from './composed.ts';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.ts';
import { conv2dBackpropInput } from './conv2dBackpropInput.ts';
import { conv2dFewChannels } from './conv2dFewChannels.ts';

interface FastKernel {
  kernelName: string;
  kernelFunc: ComposedKernel;
  /** Registered by 'fast'; otherwise only by 'all'. */
  measuredFaster: boolean;
}

/**
 * Per backend. WebGL gets none: nothing here has been measured faster on it,
 * and its convolutions are not the WebGPU programs these replace.
 */
const FAST_KERNELS: Record<string, FastKernel[]> = {
  webgpu: [
    { kernelName: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilter, measuredFaster: true },
    { kernelName: 'Conv2D', kernelFunc: conv2dFewChannels, measuredFaster: true },
    { kernelName: 'FusedConv2D', kernelFunc: conv2dFewChannels, measuredFaster: true },
    { kernelName: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInput, measuredFaster: false },
  ],
};

/** tfjs's own kernels that a composed one replaced, by backend and kernel name. */
const replaced = new Map<string, tf.KernelConfig>();
const key = (backendName: string, kernelName: string) => `${backendName}/${kernelName}`;

/** Puts tfjs's own kernels back on `backendName`. */
export function restoreTfjsKernels(backendName: string): void {
  for (const [k, original] of replaced) {
    if (original.backendName !== backendName) continue;
    tf.unregisterKernel(original.kernelName, backendName);
    tf.registerKernel(original);
    replaced.delete(k);
  }
}

/**
 * Registers the composed convolution kernels for `backendName` (call before
 * training); each falls back to tfjs's own kernel for shapes it does not
 * cover. Calling again with another choice replaces the earlier one. Returns
 * the kernel names now replaced.
 */
export function registerFastKernels(backendName: string, choice: KernelChoice = 'fast'): string[] {
  restoreTfjsKernels(backendName);
  if (choice === 'tfjs') return [];
  const names: string[] = [];
  for (const kernel of FAST_KERNELS[backendName] ?? []) {
    if (choice === 'fast' && !kernel.measuredFaster) continue;
    const original = tf.getKernel(kernel.kernelName, backendName);
    if (!original) continue;
    tf.unregisterKernel(kernel.kernelName, backendName);
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => kernel.kernelFunc(args, original.kernelFunc),
    });
    replaced.set(key(backendName, kernel.kernelName), original);
    names.push(kernel.kernelName);
  }
  return names;
}

/** The kernel names currently replaced on `backendName`. */
export function fastKernelsOn(backendName: string): string[] {
  return [...replaced.values()]
    .filter((k) => k.backendName === backendName)
    .map((k) => k.kernelName);
}
