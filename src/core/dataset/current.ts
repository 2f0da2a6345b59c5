import type { DatasetSummary } from '../../domain/dataset.ts';
import type { IndexedFiles } from './build.ts';
import { LoadTransactions } from './loads.ts';
import { withSkipped } from './samples.ts';
import type { LoadedDataset } from './types.ts';

/** The demo dataset's parameters: enough to generate the very same images again. */
export interface DemoParams {
  count: number;
  seed: number;
}

export function isDemoParams(value: unknown): value is DemoParams {
  if (typeof value !== 'object' || value === null) return false;
  const { count, seed } = value as Partial<DemoParams>;
  return typeof count === 'number' && typeof seed === 'number';
}

/**
 * The dataset in use, the files as read (so a new mapping or split needs no
 * second pass over the zip), and the entries already counted as skipped.
 */
export class CurrentDataset {
  dataset: LoadedDataset | null = null;
  /** Set when the dataset is the demo, which can be regenerated. */
  demo: DemoParams | null = null;
  indexed: IndexedFiles | null = null;
  /** Files read by a load whose columns must be picked by hand; the dataset in use is unchanged. */
  pending: IndexedFiles | null = null;
  /** The load in flight, if any: a newer one cancels it. */
  readonly loads = new LoadTransactions();
  private readonly counted = new Set<string>();

  /** A freshly read dataset replaces the previous one. */
  replace(indexed: IndexedFiles, demo: DemoParams | null): void {
    this.indexed = indexed;
    this.pending = null;
    this.demo = demo;
    this.counted.clear();
  }

  /**
   * Skipped entries met anywhere (samples, training, evaluation) join the
   * summary's problems once each; returns the new summary when it changed.
   */
  addSkipped(skipped: { name: string; reason: string }[]): DatasetSummary | null {
    const dataset = this.dataset;
    const fresh = skipped.filter((s) => !this.counted.has(s.name));
    if (!dataset || fresh.length === 0) return null;
    for (const s of fresh) this.counted.add(s.name);
    dataset.summary = {
      ...dataset.summary,
      problems: withSkipped(dataset.summary.problems, fresh, dataset.summary.zipFile.name),
    };
    return dataset.summary;
  }
}
