/** Compute backends the worker can run tfjs on, in order of preference. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
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
}
