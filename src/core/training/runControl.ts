import type { TrainerCallbacks } from './types.ts';

/**
 * Pause, resume and stop as the page asks for them: a paused run waits at its
 * next batch; a stop ends it after the current batch (and releases a pause).
 */
export class RunControl {
  private paused: { promise: Promise<void>; release: () => void } | null = null;
  private stopRequested = false;

  constructor(private readonly status: TrainerCallbacks['status']) {}

  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Running as far as the page is told: neither paused nor stopping. */
  get running(): boolean {
    return !this.paused && !this.stopRequested;
  }

  pause(): void {
    if (this.paused) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.paused = { promise, release };
    this.status('paused', null);
  }

  resume(): void {
    if (!this.paused) return;
    const { release } = this.paused;
    this.paused = null;
    this.status('running', null);
    release();
  }

  stop(): void {
    this.stopRequested = true;
    this.status('stopping', 'Stopping after the current batch…');
    this.resume();
  }

  /** Resolves at once unless paused, else when resumed or stopped. */
  async whilePaused(): Promise<void> {
    if (this.paused) await this.paused.promise;
  }
}
