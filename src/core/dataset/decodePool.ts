import type { ImageDecoder } from './types.ts';

/** An image decoder that runs at most `limit` decodes at once and queues the rest in order. */
export interface DecodePool extends ImageDecoder {
  readonly limit: number;
  /** Decodes running now. */
  readonly active: number;
  /** Decodes waiting for a free place. */
  readonly queued: number;
}

/** Runs at most `limit` tasks at once; the others wait their turn, oldest first. */
export function concurrencyLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`Decode pool size ${limit} is not ≥ 1`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const wake = waiting.shift();
    if (wake) wake();
    else active--;
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      // A released place passes straight to the next waiter, so `active` stays counted.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * Bounds the decodes in flight. The browser's createImageBitmap decodes and
 * resizes on its own threads, so several in flight use several cores; without
 * a bound, a prefetch of large batches would hold every compressed and
 * decoded image of them in memory at once.
 */
export function decodePool(decoder: ImageDecoder, limit: number): DecodePool {
  const places = concurrencyLimit(limit);
  return {
    limit,
    get active() {
      return places.active;
    },
    get queued() {
      return places.queued;
    },
    decode: (bytes, name, size) => places.run(() => decoder.decode(bytes, name, size)),
  };
}

/**
 * Decodes in flight for a worker with `cores` logical cores. More than the
 * cores: each decode waits on the worker's thread between its stages (entry
 * read, decode, readback), so while a step holds that thread only the decodes
 * already handed to the browser progress. Measured with `npm run bench`.
 */
export function decodeConcurrency(cores: number | undefined): number {
  return Math.min(32, Math.max(16, 4 * (cores ?? 2)));
}
