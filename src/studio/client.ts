import {
  type BackendName,
  isBackendName,
  type KernelChoice,
  parseKernelChoice,
} from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';
import {
  type Command,
  type CommandBody,
  isStudioMessage,
  type StudioEvent,
} from '../protocol/index.ts';
import { frameBatch } from './frameBatch.ts';
import { initialState, reduce, type StudioState } from './state.ts';

/**
 * Called after the state changed. `urgent` is true for the page's own changes
 * (a click, a keystroke), which render at once; worker events are not urgent:
 * the page renders them as a transition, in slices that leave the frame free.
 */
type Listener = (urgent: boolean) => void;

/** A worker that keeps crashing is not restarted forever. */
const MAX_RESTARTS = 3;
type EventListener = (event: StudioEvent) => void;

export interface RequestOptions {
  /** Aborting it cancels the command in the worker (a load, a download, a run). */
  signal?: AbortSignal;
  /** Buffers handed over to the worker rather than copied. */
  transfer?: Transferable[];
}

/** A command sent and not yet answered. */
interface Pending {
  resolve(): void;
  reject(error: unknown): void;
  /** Stops listening to the request's signal. */
  release(): void;
}

/** Reads `?backend=` so a tester can force one backend. */
export function forcedBackendFromUrl(search: string): BackendName | null {
  const value = new URLSearchParams(search).get('backend');
  return isBackendName(value) ? value : null;
}

/** Reads `?kernels=` (fast, all, tfjs) so a bench can compare convolution kernels. */
export function kernelChoiceFromUrl(search: string): KernelChoice {
  return parseKernelChoice(new URLSearchParams(search).get('kernels'));
}

/**
 * The page's single connection to the training worker: typed commands out,
 * events in, reduced into one immutable state that React subscribes to.
 */
export class StudioClient {
  private worker: Worker;
  private state: StudioState = initialState;
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventListener>();
  /** Worker events arrive in bursts; React renders their sum once per frame. */
  private readonly notifySoon = frameBatch(() => this.notify(false));
  private nextId = 1;
  /** The page's one map of requests awaiting their `done` or `failed`. */
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly createWorker: () => Worker,
    private readonly forcedBackend: BackendName | null,
    /** A fault to inject into the first worker only (`?simulate=`), for recovery tests. */
    private readonly fault: SimulatedFault | null = null,
    private readonly kernels: KernelChoice = 'fast',
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = this.createWorker();
    worker.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (isStudioMessage(message.data)) this.apply(message.data as StudioEvent);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.onCrash(event.message || 'the training worker stopped');
    });
    worker.postMessage({
      scope: 'system',
      type: 'init',
      forcedBackend: this.forcedBackend,
      kernels: this.kernels,
      id: this.nextId++,
    } satisfies Command);
    if (this.fault && this.state.system.workerRestarts === 0) {
      worker.postMessage({
        scope: 'system',
        type: 'simulate',
        fault: this.fault,
        id: this.nextId++,
      } satisfies Command);
    }
    return worker;
  }

  private onCrash(message: string): void {
    const restart = this.state.system.workerRestarts < MAX_RESTARTS;
    this.apply({
      scope: 'system',
      type: 'error',
      message: restart
        ? `Worker crashed: ${message}. It was restarted.`
        : `Worker crashed: ${message}. It crashed ${MAX_RESTARTS + 1} times, so it was not restarted; reload the page.`,
      context: 'worker',
    });
    this.worker.terminate();
    // Nothing the crashed worker was doing will be answered.
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new Error(`The training worker crashed: ${message}`));
    }
    if (!restart) return;
    this.state = {
      ...this.state,
      system: { ...this.state.system, workerRestarts: this.state.system.workerRestarts + 1 },
    };
    this.worker = this.spawn();
  }

  private apply(event: StudioEvent): void {
    if (event.scope === 'system' && (event.type === 'done' || event.type === 'failed')) {
      this.settle(event.id, event.type === 'failed' ? new Error(event.message) : null);
      return;
    }
    this.state = reduce(this.state, event);
    for (const listener of this.eventListeners) listener(event);
    this.notifySoon();
  }

  private notify(urgent: boolean): void {
    for (const listener of this.listeners) listener(urgent);
  }

  private settle(id: number, error: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.release();
    if (error) pending.reject(error);
    else pending.resolve();
  }

  /**
   * Sends one command; resolves when the worker answers `done` and rejects
   * on `failed` (what went wrong also reaches the state, where the page
   * shows it). Aborting `signal` cancels the work in the worker.
   */
  request(command: CommandBody, options: RequestOptions = {}): Promise<void> {
    const { signal, transfer = [] } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const cancel = () => {
        this.settle(id, signal?.reason ?? new Error('Cancelled.'));
        this.worker.postMessage({ scope: 'system', type: 'cancel', target: id, id: this.nextId++ });
      };
      signal?.addEventListener('abort', cancel, { once: true });
      const release = () => signal?.removeEventListener('abort', cancel);
      this.pending.set(id, { resolve, reject, release });
      this.worker.postMessage({ ...command, id } satisfies Command, transfer);
    });
  }

  /** How many requests await their answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Local state changes that need no worker round trip (dismissing a message, say). */
  update(change: (state: StudioState) => StudioState): void {
    this.state = change(this.state);
    this.notify(true);
  }

  getState = (): StudioState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
}
