import type { BackendInfo, BackendName, KernelChoice } from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';

export type LifecycleStage = 'booting' | 'choosing-backend' | 'ready';

export type SystemCommand =
  | { scope: 'system'; type: 'init'; forcedBackend: BackendName | null; kernels: KernelChoice }
  | { scope: 'system'; type: 'ping'; id: number }
  /** Test hook: arms one fault (see faults.ts) in this worker. */
  | { scope: 'system'; type: 'simulate'; fault: SimulatedFault };

export type SystemEvent =
  | { scope: 'system'; type: 'lifecycle'; stage: LifecycleStage }
  | { scope: 'system'; type: 'backend'; backend: BackendInfo }
  | { scope: 'system'; type: 'pong'; id: number }
  | { scope: 'system'; type: 'error'; message: string; context: string | null };
