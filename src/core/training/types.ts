import type {
  BatchLog,
  EpochLog,
  TrainingProgress,
  TrainingStatus,
  WorkCount,
} from '../../domain/training.ts';
import type { ImageDecoder, LoadedDataset } from '../dataset/types.ts';
import type { NamedWeights } from '../model/kerasWeights.ts';
import type { CheckpointPayload } from './checkpoint.ts';

/** What the engine reports while it trains; the worker turns these into events. */
export interface TrainerCallbacks {
  /** `work` counts the images of a long pass (feature caching, evaluation) while it runs. */
  status(status: TrainingStatus, message: string | null, work?: WorkCount): void;
  progress(progress: TrainingProgress): void;
  batches(logs: BatchLog[]): void;
  epoch(log: EpochLog): void;
  notice(message: string): void;
  /** Images that could not be read or decoded, skipped from their batch. */
  skipped(entries: { name: string; reason: string }[]): void;
  /** Persists a checkpoint; a failure is reported but does not stop training. */
  checkpoint(payload: CheckpointPayload): Promise<void>;
}

/** Platform pieces and data the engine needs, injected by the worker or a test. */
export interface TrainerDeps {
  dataset: LoadedDataset;
  decoder: ImageDecoder;
  /** ImageNet weights for the base, or null for a random base. */
  baseWeights: { hash: string; weights: NamedWeights } | null;
  /** False where the backend has no convolution gradients (WASM). */
  canFineTune: boolean;
  backendName: string;
  now(): number;
  /** Largest feature cache allowed, in bytes. */
  featureCacheBudget: number;
  /** Minimum milliseconds between batch reports. */
  reportEveryMs: number;
}
