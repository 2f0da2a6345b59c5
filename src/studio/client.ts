import {
  type BackendName,
  isBackendName,
  type KernelChoice,
  parseKernelChoice,
} from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';
import { type Command, isStudioMessage, type StudioEvent } from '../protocol/index.ts';
import { frameBatch } from './frameBatch.ts';
import { initialState, reduce, type StudioState } from './state.ts';

type Listener = () => void;

/** A worker that keeps crashing is not restarted forever. */
const MAX_RESTARTS = 3;
type EventListener = (event: StudioEvent) => void;

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
  private readonly notifySoon = frameBatch(() => this.notify());

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
    } satisfies Command);
    if (this.fault && this.state.system.workerRestarts === 0) {
      worker.postMessage({
        scope: 'system',
        type: 'simulate',
        fault: this.fault,
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
    if (!restart) return;
    this.state = {
      ...this.state,
      system: { ...this.state.system, workerRestarts: this.state.system.workerRestarts + 1 },
    };
    this.worker = this.spawn();
  }

  private apply(event: StudioEvent): void {
    this.state = reduce(this.state, event);
    for (const listener of this.eventListeners) listener(event);
    this.notifySoon();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  send(command: Command, transfer: Transferable[] = []): void {
    this.worker.postMessage(command, transfer);
  }

  /** Local state changes that need no worker round trip (dismissing a message, say). */
  update(change: (state: StudioState) => StudioState): void {
    this.state = change(this.state);
    this.notify();
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
