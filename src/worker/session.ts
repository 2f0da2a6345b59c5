import type { LoadedDataset } from '../core/dataset/types.ts';
import type { LoadedModel } from '../core/export/zip.ts';
import type { NamedWeights } from '../core/model/kerasWeights.ts';
import type { Trainer } from '../core/train/trainer.ts';
import type { BackendInfo } from '../domain/backend.ts';
import type { TestResults } from '../domain/training.ts';

/** What the worker holds between commands: one studio session. */
export const session: {
  backend: BackendInfo | null;
  dataset: LoadedDataset | null;
  /** The demo dataset's parameters, when the loaded dataset is the demo (it can be regenerated). */
  demo: unknown;
  /** Regenerates the demo dataset from `demo`, so a run on it can resume after a reload. */
  restoreDemo: ((demo: unknown) => Promise<void>) | null;
  /** Parsed ImageNet weights for the VGG16 base; null means a random base. */
  baseWeights: { hash: string; weights: NamedWeights } | null;
  /** The last trained (or training) model, for evaluation and export. */
  trained: Trainer | null;
  /** The last test-set results of `trained`, for export metadata. */
  lastTest: TestResults | null;
  /** A model loaded from browser storage or a zip; when set, it is the one predictions and evaluation use. */
  loaded: (LoadedModel & { origin: string }) | null;
} = {
  backend: null,
  dataset: null,
  demo: null,
  restoreDemo: null,
  baseWeights: null,
  trained: null,
  lastTest: null,
  loaded: null,
};
