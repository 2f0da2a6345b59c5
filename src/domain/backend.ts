/** Compute backends the worker can run tfjs on, in order of preference. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}

/**
 * Which convolution kernels a backend runs: 'fast' the composed kernels
 * measured faster on a GPU, 'all' those plus the ones not yet measured,
 * 'tfjs' tfjs's own (`?kernels=tfjs`, for comparison).
 */
export const KERNEL_CHOICES = ['fast', 'all', 'tfjs'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

/** The choice a `?kernels=` value asks for; anything else is the default. */
export function parseKernelChoice(value: string | null | undefined): KernelChoice {
  return KERNEL_CHOICES.find((c) => c === value) ?? 'fast';
}

export interface BackendInfo {
  name: BackendName;
  /** Why this backend was chosen, in words a person can read. */
  reason: string;
  forced: boolean;
  /** False where the backend lacks convolution gradients (WASM, CPU is slow but able). */
  canFineTune: boolean;
  /** Adapter or renderer description, when known. */
  detail: string | null;
  /** WASM only: whether threads are in use. */
  threads: boolean | null;
  /** tfjs kernels replaced by the studio's composed ones on this backend (empty: tfjs's own). */
  kernels?: string[];
}
