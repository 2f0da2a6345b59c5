import type { BackendInfo, BackendName, KernelChoice } from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';

export type LifecycleStage = 'booting' | 'choosing-backend' | 'ready';

export type SystemCommand =
  | { scope: 'system'; type: 'init'; forcedBackend: BackendName | null; kernels?: KernelChoice }
  /** Answered by `done`: the worker is alive and reading commands. */
  | { scope: 'system'; type: 'ping' }
  /** Asks the command with id `target` to stop: a dataset load, a weights download, a run. */
  | { scope: 'system'; type: 'cancel'; target: number }
  /** Test hook: arms one fault (see faults.ts) in this worker. */
  | { scope: 'system'; type: 'simulate'; fault: SimulatedFault };

export type SystemEvent =
  | { scope: 'system'; type: 'lifecycle'; stage: LifecycleStage }
  | { scope: 'system'; type: 'backend'; backend: BackendInfo }
  /** The command with this id has finished. */
  | { scope: 'system'; type: 'done'; id: number }
  /** The command with this id failed (or was cancelled), for this reason. */
  | { scope: 'system'; type: 'failed'; id: number; message: string }
  | { scope: 'system'; type: 'error'; message: string; context: string | null };
