import type { WeightsStatus } from '../../domain/model.ts';
import { vgg16WeightShapes } from './architecture.ts';
import { checkWeights, type NamedWeights } from './namedWeights.ts';
import type { SourcedWeights, SourceOptions } from './weightSources.ts';

/** Parsed weights kept between visits, keyed by content hash. */
export interface CachedBaseWeights {
  hash: string;
  source: string;
  savedAt: number;
  weights: NamedWeights;
}

/** Where the weights are kept for the next visit; the worker passes IndexedDB. */
export interface WeightsCache {
  last(): Promise<CachedBaseWeights | null>;
  save(entry: CachedBaseWeights): Promise<void>;
}

/** What the page hears about the base weights. */
export interface WeightsReports {
  status(status: WeightsStatus): void;
  /** A load or restore failed; the previous weights stay in use. */
  failed(message: string): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The ImageNet weights of the VGG16 base: which are in use, loading new ones
 * (a later load wins over an earlier one still running; a failed one leaves
 * the previous in place) and keeping a copy for the next visit.
 */
export class BaseWeights {
  private current: { hash: string; weights: NamedWeights } | null = null;
  /** The status of the weights in use: what the page falls back to when a load fails. */
  private installed: WeightsStatus = { kind: 'random' };
  private restoreStarted = false;
  private latest: AbortController | null = null;

  constructor(
    private readonly cache: WeightsCache,
    private readonly report: WeightsReports,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The weights for a new classifier's base; null means a random base. */
  get weights(): { hash: string; weights: NamedWeights } | null {
    return this.current;
  }

  /** Brings back the weights of an earlier visit, once, unless some are loaded already. */
  async restoreOnce(): Promise<void> {
    if (this.restoreStarted) return;
    this.restoreStarted = true;
    const mine = this.take();
    try {
      const cached = await this.cache.last();
      if (!cached || mine.signal.aborted || this.current) return;
      checkWeights(vgg16WeightShapes(), cached.weights);
      this.current = { hash: cached.hash, weights: cached.weights };
      const { source, hash } = cached;
      this.status({
        kind: 'imagenet',
        source,
        hash,
        fromCache: true,
        cache: 'saved',
        cacheProblem: null,
      });
    } catch (error) {
      if (mine.signal.aborted) return;
      const message = `Cached VGG16 weights could not be restored: ${errorText(error)}. Load them again from a file or URL.`;
      this.report.failed(message);
    }
  }

  /**
   * Loads weights from one source and installs them; a newer load or
   * `signal` cancels it. On failure the previous weights stay, the page hears
   * why, and the returned promise rejects.
   */
  async load(
    source: string,
    read: (options: SourceOptions) => Promise<SourcedWeights>,
    signal?: AbortSignal,
  ): Promise<void> {
    const mine = this.take();
    signal?.addEventListener('abort', () => mine.abort(signal.reason), { once: true });
    try {
      const sourced = await read({ signal: mine.signal, onProgress: this.progress(source) });
      mine.signal.throwIfAborted();
      await this.install(sourced, mine.signal);
    } catch (error) {
      if (this.latest === mine) {
        this.status(this.installed);
        this.report.failed(errorText(error));
      }
      throw error;
    }
  }

  private take(): AbortController {
    this.latest?.abort(new Error('A later load of VGG16 weights replaced this one.'));
    this.latest = new AbortController();
    return this.latest;
  }

  private async install(sourced: SourcedWeights, signal: AbortSignal): Promise<void> {
    const { source, hash, weights } = sourced;
    this.current = { hash, weights };
    const loaded = { kind: 'imagenet', source, hash, fromCache: false } as const;
    this.status({ ...loaded, cache: 'saving', cacheProblem: null });
    try {
      await this.cache.save({ hash, source, savedAt: Date.now(), weights });
      if (!signal.aborted) this.status({ ...loaded, cache: 'saved', cacheProblem: null });
    } catch (error) {
      if (signal.aborted) return;
      const cacheProblem = `${errorText(error)}. They work now but must be loaded again after a reload.`;
      this.status({ ...loaded, cache: 'failed', cacheProblem });
    }
  }

  private status(next: WeightsStatus): void {
    if (next.kind !== 'loading') this.installed = next;
    this.report.status(next);
  }

  /** Reports loading progress at most ten times a second, plus the last step. */
  private progress(source: string): SourceOptions['onProgress'] {
    let last = Number.NEGATIVE_INFINITY;
    return (stage, loaded, total) => {
      const now = this.now();
      if (now - last < 100 && loaded !== total) return;
      last = now;
      this.status({ kind: 'loading', source, stage, loaded, total });
    };
  }
}
