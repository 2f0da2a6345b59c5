import type { DecodeReply } from '../core/dataset/decodeMessages.ts';
import { decodeConcurrency, decodePool } from '../core/dataset/decodePool.ts';
import { DecodeWorkers, type OpenDecodeChannel } from '../core/dataset/decodeWorkers.ts';
import type { ImageDecoder } from '../core/dataset/types.ts';
import { localDecoder } from './browserDecoder.ts';

/** Requests one decode worker holds at once: enough to keep its decoder's threads busy. */
export const PER_DECODE_WORKER = 16;

/**
 * Decode workers for `cores` logical cores: one core stays the trainer's and
 * the page's, 1 to 4 decode (each decodes several images at once on the
 * browser's decoder threads). On 2 cores, one worker already keeps up with a
 * step that holds the training thread (`npm run bench -- --only decode`).
 */
export function decodeWorkerCount(cores: number | undefined): number {
  return Math.min(4, Math.max(1, (cores ?? 2) - 1));
}

export const openDecodeWorker: OpenDecodeChannel = (onReply, onFailure) => {
  const worker = new Worker(new URL('./decodeWorker.ts', import.meta.url), {
    type: 'module',
    name: 'decode',
  });
  worker.addEventListener('message', (event: MessageEvent<DecodeReply>) => onReply(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message || 'the decode worker could not start');
  });
  worker.addEventListener('messageerror', () => onFailure('a decode worker answer was unreadable'));
  return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
};

/** Decodes in this worker: a few in flight (the browser decodes on its own threads). */
const inThread = decodePool(
  localDecoder,
  decodeConcurrency(globalThis.navigator?.hardwareConcurrency),
);

/**
 * The training worker's decoder: a pool of decode workers where this worker
 * can start workers of its own, else the decodes stay in this thread.
 */
export const workerDecoder: ImageDecoder =
  typeof Worker === 'function'
    ? new DecodeWorkers({
        open: openDecodeWorker,
        workers: decodeWorkerCount(globalThis.navigator?.hardwareConcurrency),
        perWorker: PER_DECODE_WORKER,
        fallback: inThread,
      })
    : inThread;
