/** How long the consumer waited for data, against the time it spent consuming it. */
export interface DataWait {
  /** Milliseconds spent blocked in `next()`. */
  waitedMs: number;
  /** Milliseconds from the first `next()` call to `close()`. */
  spanMs: number;
  batches: number;
}

/**
 * Reads batches 0 … count-1 ahead of their use: up to `depth` batches are
 * read while the caller works on the current one, and `next()` hands them
 * back in order. `close()` starts no more reads and waits for those in
 * flight, so nothing outlives it; their results (and failures) are dropped.
 */
export class BatchPrefetcher<T> {
  private readonly slots = new Map<number, Promise<T>>();
  private started = 0;
  private taken = 0;
  private closed = false;
  private waitedMs = 0;
  private firstCall: number | null = null;
  private end: number | null = null;

  constructor(
    private readonly count: number,
    private readonly read: (index: number) => Promise<T>,
    private readonly depth: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(depth) || depth < 1)
      throw new Error(`Prefetch depth ${depth} is not ≥ 1`);
    this.fill();
  }

  /** Milliseconds `next()` has waited so far. */
  get waited(): number {
    return this.waitedMs;
  }

  /** Batches being read now (taken ones awaited by the caller excluded). */
  get inFlight(): number {
    return this.slots.size;
  }

  async next(): Promise<T> {
    if (this.closed) throw new Error('The batch reader was closed.');
    if (this.taken >= this.count) throw new Error(`All ${this.count} batches were read.`);
    this.firstCall ??= this.now();
    const index = this.taken++;
    const slot = this.slots.get(index) ?? this.read(index);
    this.slots.delete(index);
    this.fill();
    const t0 = this.now();
    try {
      return await slot;
    } finally {
      this.waitedMs += this.now() - t0;
    }
  }

  /** Stops reading ahead, waits for the reads in flight, and says how long `next()` waited. */
  async close(): Promise<DataWait> {
    if (!this.closed) {
      this.closed = true;
      this.end = this.now();
      const pending = [...this.slots.values()];
      this.slots.clear();
      await Promise.allSettled(pending);
    }
    return {
      waitedMs: this.waitedMs,
      spanMs: this.firstCall === null ? 0 : (this.end ?? this.now()) - this.firstCall,
      batches: this.taken,
    };
  }

  private fill(): void {
    while (!this.closed && this.started < this.count && this.started < this.taken + this.depth) {
      const index = this.started++;
      const slot = this.read(index);
      // A read that fails before it is taken is reported by next(); never as unhandled.
      slot.catch(() => undefined);
      this.slots.set(index, slot);
    }
  }
}
