import type { LoadedDataset } from '../../src/core/dataset/types.ts';
import type { CheckpointPayload } from '../../src/core/training/checkpoint.ts';
import { Trainer } from '../../src/core/training/trainer.ts';
import type { TrainerCallbacks, TrainerDeps } from '../../src/core/training/types.ts';
import { NO_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import type {
  BatchLog,
  EpochLog,
  RunConfig,
  TrainingParams,
  TrainingStatus,
} from '../../src/domain/training.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';
import { rawDecoder } from './tinyDataset.ts';

export interface Recorded {
  epochs: EpochLog[];
  batches: BatchLog[];
  statuses: { status: TrainingStatus; message: string | null }[];
  notices: string[];
  checkpoints: CheckpointPayload[];
}

export function smallConfig(
  size: number,
  training: Partial<TrainingParams> = {},
  augment = NO_AUGMENT,
): RunConfig {
  return {
    model: {
      ...DEFAULT_MODEL_OPTIONS,
      inputSize: size,
      head: { pooling: 'flatten', dense: [16], dropout: 0.25 },
    },
    augment,
    training: { ...REFERENCE_TRAINING, batchSize: 8, epochs: 2, learningRate: 0.01, ...training },
  };
}

export function deps(dataset: LoadedDataset, overrides: Partial<TrainerDeps> = {}): TrainerDeps {
  return {
    dataset,
    decoder: rawDecoder,
    baseWeights: null,
    canFineTune: true,
    backendName: 'cpu',
    now: () => performance.now(),
    featureCacheBudget: 1e9,
    reportEveryMs: 0,
    ...overrides,
  };
}

export function recorder(hooks: Partial<TrainerCallbacks> = {}): {
  callbacks: TrainerCallbacks;
  recorded: Recorded;
} {
  const recorded: Recorded = {
    epochs: [],
    batches: [],
    statuses: [],
    notices: [],
    checkpoints: [],
  };
  const callbacks: TrainerCallbacks = {
    status: (status, message) => recorded.statuses.push({ status, message }),
    progress: () => {},
    batches: (logs) => {
      recorded.batches.push(...logs);
      hooks.batches?.(logs);
    },
    epoch: (log) => {
      recorded.epochs.push(log);
      hooks.epoch?.(log);
    },
    notice: (message) => recorded.notices.push(message),
    skipped: () => {},
    checkpoint: async (payload) => {
      // Deep copy: the engine may reuse arrays after the callback returns.
      recorded.checkpoints.push(structuredClone(payload));
    },
  };
  return { callbacks, recorded };
}

export function newTrainer(
  config: RunConfig,
  dataset: LoadedDataset,
  hooks: Partial<TrainerCallbacks> = {},
  depOverrides: Partial<TrainerDeps> = {},
): { trainer: Trainer; recorded: Recorded } {
  const { callbacks, recorded } = recorder(hooks);
  return {
    trainer: new Trainer('run-test', 'test', config, deps(dataset, depOverrides), callbacks),
    recorded,
  };
}

/** History without wall-clock seconds, for comparing runs. */
export function withoutTime(history: EpochLog[]): Omit<EpochLog, 'seconds'>[] {
  return history.map(({ seconds: _s, ...rest }) => rest);
}

export function headWeights(trainer: Trainer): Float32Array[] {
  return trainer.classifier.head.weights.map((w) => w.read().dataSync() as Float32Array);
}
