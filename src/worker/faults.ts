import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendInfo, BackendName } from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';
import { errorMessage, type Post } from './port.ts';

/** The GPU device is gone: tensors on it are lost, but the last checkpoint is not. */
export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}

/** Thrown out of the worker on purpose so the page sees a crash and restarts it. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/**
 * Errors after which this worker cannot go on: an aborted WASM module stays
 * broken, and a simulated crash stands for any such case. They are left
 * uncaught so the page restarts the worker.
 */
export function isFatal(error: unknown): boolean {
  return error instanceof SimulatedCrash || error instanceof WebAssembly.RuntimeError;
}

type Start = (
  forced: BackendName | null,
  failed?: Map<BackendName, string>,
) => Promise<BackendInfo>;

/** The training worker's unrecoverable states, simulated or real, and what the studio does about them. */
export class Faults {
  private armed: SimulatedFault | null = null;
  /** Why the device was lost, once it is. */
  private lost: string | null = null;

  constructor(
    private readonly post: Post,
    private readonly startBackend: Start,
  ) {}

  simulate(fault: SimulatedFault): void {
    this.armed = fault;
    const message = `Fault simulation armed: ${fault.kind} after epoch ${fault.afterEpoch}.`;
    this.post({ scope: 'training', type: 'notice', message });
  }

  isDeviceLoss(error: unknown): boolean {
    return error instanceof DeviceLostError || this.lost !== null;
  }

  /** Called once a checkpoint is saved: an armed fault strikes when the run can resume from it. */
  afterCheckpoint(epochsDone: number): void {
    const fault = this.armed;
    if (!fault || epochsDone < fault.afterEpoch) return;
    this.armed = null;
    const what = `simulated by ?simulate=${fault.kind}-after-epoch-${fault.afterEpoch}`;
    if (fault.kind === 'device-lost') {
      this.lost = what;
      return;
    }
    // A new task, outside every promise chain, so nothing catches it on the way out.
    setTimeout(() => {
      throw new SimulatedCrash(`the training worker stopped (${what})`);
    }, 0);
  }

  /** The training loop calls this as it reports: a lost device stops the run at once. */
  throwIfDeviceLost(): void {
    if (this.lost) throw new DeviceLostError(`The compute device was lost (${this.lost}).`);
  }

  /** Reports a real WebGPU device loss the moment it happens. */
  watchDevice(session: { backend: BackendInfo | null }): void {
    if (tf.getBackend() !== 'webgpu') return;
    const device = (tf.backend() as WebGPUBackend).device;
    void device.lost.then(async (info) => {
      this.lost = `${info.reason}: ${info.message || 'no reason given'}`;
      const message = `The GPU device was lost (${this.lost}). The studio moves to another backend; a run in progress can resume from its last checkpoint.`;
      this.post({ scope: 'system', type: 'error', message, context: 'device' });
      await this.recoverBackend(session);
    });
  }

  /** Leaves a lost WebGPU device for the next backend down the list; runs continue from checkpoints. */
  private async recoverBackend(session: { backend: BackendInfo | null }): Promise<void> {
    if (tf.getBackend() !== 'webgpu') return;
    const failed = new Map<BackendName, string>([['webgpu', `device lost (${this.lost})`]]);
    try {
      const backend = await this.startBackend(null, failed);
      session.backend = backend;
      this.post({ scope: 'system', type: 'backend', backend });
    } catch (error) {
      this.post({
        scope: 'system',
        type: 'error',
        message: errorMessage(error),
        context: 'device',
      });
    }
  }

  /** Says what stopped the run and where it can continue; the caller offers the resume. */
  async reportDeviceLoss(
    session: { backend: BackendInfo | null },
    error: unknown,
    epochsDone: number,
  ): Promise<void> {
    await this.recoverBackend(session);
    const backend = session.backend?.name ?? tf.getBackend();
    const where =
      epochsDone > 0
        ? `Training stopped after epoch ${epochsDone}; its checkpoint is kept: press "Resume run" to continue on ${backend}.`
        : 'No epoch had finished, so there is no checkpoint: start the run again.';
    const message = `${errorMessage(error)} ${where}`;
    this.post({ scope: 'system', type: 'error', message, context: 'training' });
    this.lost = null;
  }
}
