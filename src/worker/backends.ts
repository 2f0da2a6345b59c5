import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { canFineTune, chooseBackend } from '../core/backend/choose.ts';
import { registerFastKernels } from '../core/backend/kernels/register.ts';
import type { BackendInfo, BackendName, KernelChoice } from '../domain/backend.ts';
import { probeBackends } from './probe.ts';

// The .wasm binaries are emitted as assets of this app, so nothing is fetched from a CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/**
 * Probes, chooses, and starts a backend; falls back down the list when one
 * fails to start. `failed` names backends already known to be broken (a lost device).
 */
export async function startBackend(
  forced: BackendName | null,
  failed = new Map<BackendName, string>(),
  kernels: KernelChoice = 'fast',
): Promise<BackendInfo> {
  const probes = await probeBackends();
  for (let attempt = 0; attempt < 4; attempt++) {
    const choice = chooseBackend(probes, forced, failed);
    let ok = false;
    let problem = 'setBackend returned false';
    try {
      ok = await tf.setBackend(choice.name);
      await tf.ready();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      ok = false;
    }
    if (ok && tf.getBackend() === choice.name) {
      const detail =
        choice.name === 'webgpu'
          ? probes.webgpu.description
          : choice.name === 'webgl'
            ? probes.webgl.description
            : null;
      const replaced = registerFastKernels(choice.name, kernels);
      return {
        name: choice.name,
        reason: replaced.length
          ? `${choice.reason}; composed kernels for ${replaced.join(', ')}`
          : choice.reason,
        forced: choice.forced,
        canFineTune: canFineTune(choice.name),
        detail,
        threads: choice.name === 'wasm' ? probes.wasm.threads : null,
        kernels: replaced,
      };
    }
    failed.set(choice.name, problem);
  }
  throw new Error(
    `No tfjs backend could start: ${[...failed].map(([n, p]) => `${n}: ${p}`).join('; ')}`,
  );
}
