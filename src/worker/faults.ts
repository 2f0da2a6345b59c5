import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendName } from '../domain/backend.ts';
import type { SimulatedFault } from '../domain/faults.ts';
import { startBackend } from './backends.ts';
import { errorMessage, post } from './port.ts';
import { session } from './session.ts';

/** The training worker's unrecoverable states and what the studio does about them. */

/** The GPU device is gone: tensors on it are lost, but the last checkpoint is not. */
export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}

/** Thrown out of the worker on purpose so the page sees a crash and restarts it. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

let armed: SimulatedFault | null = null;
/** Why the device was lost, once it is. */
let lost: string | null = null;

export function simulateFault(fault: SimulatedFault): void {
  armed = fault;
  post({
    scope: 'training',
    type: 'notice',
    message: `Fault simulation armed: ${fault.kind} after epoch ${fault.afterEpoch}.`,
  });
}

/**
 * Errors after which this worker cannot go on: an aborted WASM module stays
 * broken, and a simulated crash stands for any such case. They are left
 * uncaught so the page restarts the worker.
 */
export function isFatal(error: unknown): boolean {
  return error instanceof SimulatedCrash || error instanceof WebAssembly.RuntimeError;
}

export function isDeviceLoss(error: unknown): boolean {
  return error instanceof DeviceLostError || lost !== null;
}

/** Called once a checkpoint is saved: an armed fault strikes when the run can resume from it. */
export function afterCheckpoint(epochsDone: number): void {
  if (!armed || epochsDone < armed.afterEpoch) return;
  const fault = armed;
  armed = null;
  const what = `simulated by ?simulate=${fault.kind}-after-epoch-${fault.afterEpoch}`;
  if (fault.kind === 'device-lost') {
    lost = what;
    return;
  }
  // A new task, outside every promise chain, so nothing catches it on the way out.
  setTimeout(() => {
    throw new SimulatedCrash(`the training worker stopped (${what})`);
  }, 0);
}

/** The training loop calls this as it reports: a lost device stops the run at once. */
export function throwIfDeviceLost(): void {
  if (lost) throw new DeviceLostError(`The compute device was lost (${lost}).`);
}

/** Reports a real WebGPU device loss the moment it happens. */
export function watchDevice(): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as WebGPUBackend).device;
  void device.lost.then(async (info) => {
    lost = `${info.reason}: ${info.message || 'no reason given'}`;
    post({
      scope: 'system',
      type: 'error',
      message: `The GPU device was lost (${lost}). The studio moves to another backend; a run in progress can resume from its last checkpoint.`,
      context: 'device',
    });
    await recoverBackend();
  });
}

/**
 * Leaves a lost WebGPU device for the next backend down the list. Tensors
 * that lived on the device are gone; runs continue from their checkpoints.
 */
async function recoverBackend(): Promise<void> {
  if (tf.getBackend() !== 'webgpu') return;
  const failed = new Map<BackendName, string>([['webgpu', `device lost (${lost})`]]);
  try {
    const backend = await startBackend(null, failed);
    session.backend = backend;
    post({ scope: 'system', type: 'backend', backend });
  } catch (error) {
    post({ scope: 'system', type: 'error', message: errorMessage(error), context: 'device' });
  }
}

/** Says what stopped the run and where it can continue; the caller offers the resume. */
export async function reportDeviceLoss(error: unknown, epochsDone: number): Promise<void> {
  await recoverBackend();
  const backend = session.backend?.name ?? tf.getBackend();
  const where =
    epochsDone > 0
      ? `Training stopped after epoch ${epochsDone}; its checkpoint is kept: press "Resume run" to continue on ${backend}.`
      : 'No epoch had finished, so there is no checkpoint: start the run again.';
  post({
    scope: 'system',
    type: 'error',
    message: `${errorMessage(error)} ${where}`,
    context: 'training',
  });
  lost = null;
}
