import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from '../../src/core/augment/augment.ts';
import { readBatch } from '../../src/core/dataset/batch.ts';
import type { DatasetFile } from '../../src/core/dataset/files.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import type { ImageDecoder, LoadedDataset } from '../../src/core/dataset/types.ts';
import { preprocessCaffe } from '../../src/core/model/preprocess.ts';
import { generateSample, sampleAsFiles } from '../../src/core/sample/generate.ts';
import { setDropoutSeed, trainStep } from '../../src/core/training/step.ts';
import { Trainer } from '../../src/core/training/trainer.ts';
import type { TrainerCallbacks } from '../../src/core/training/types.ts';
import {
  type AugmentParams,
  DEFAULT_AUGMENT,
  DEFAULT_SPLIT_OPTIONS,
  NO_AUGMENT,
  type SplitName,
} from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { type EpochLog, REFERENCE_TRAINING, type RunConfig } from '../../src/domain/training.ts';
import type { FeatureCacheResult, MemoryResult, PipelineResult, Runtime } from './results.ts';

/** Where the measurements run and what decodes their images. */
export interface EpochBenchEnv {
  runtime: Runtime;
  backend: string;
  decoder: ImageDecoder;
  encode?: (rgba: Uint8Array, width: number, height: number) => Promise<Uint8Array>;
  now(): number;
}

function _memoryFile(name: string, bytes: Uint8Array | string): DatasetFile {
  return new File([bytes as BlobPart], name);
}

/** The demo generator's faces as a real zip and CSVs, indexed by the studio's own loader. */
export async function sampleDataset(count: number, env: EpochBenchEnv): Promise<LoadedDataset> {
  const sample = await generateSample({
    count,
    seed: 7,
    ...(env.encode ? { encode: env.encode } : {}),
  });
  const { dataset } = await loadDataset(sampleAsFiles(sample), DEFAULT_SPLIT_OPTIONS, () => {});
  return dataset;
}

/** The same images with some splits emptied, so an epoch times only what is asked. */
function onlySplits(dataset: LoadedDataset, keep: SplitName[]): LoadedDataset {
  const splits = { ...dataset.splits };
  for (const name of ['train', 'validation', 'test'] as const) {
    if (!keep.includes(name)) splits[name] = [];
  }
  return { ...dataset, splits };
}

function config(size: number, batch: number, epochs: number, augment: AugmentParams): RunConfig {
  return {
    model: { ...DEFAULT_MODEL_OPTIONS, inputSize: size },
    augment,
    training: { ...REFERENCE_TRAINING, batchSize: batch, epochs, earlyStoppingPatience: 0 },
  };
}

interface Recorded {
  epochs: EpochLog[];
  statuses: { status: string; at: number }[];
}

function quietCallbacks(now: () => number, onEpoch: (log: EpochLog) => void = () => {}) {
  const recorded: Recorded = { epochs: [], statuses: [] };
  const callbacks: TrainerCallbacks = {
    status: (status) => recorded.statuses.push({ status, at: now() }),
    progress: () => {},
    batches: () => {},
    epoch: (log) => {
      recorded.epochs.push(log);
      onEpoch(log);
    },
    notice: () => {},
    skipped: () => {},
    checkpoint: async () => {},
  };
  return { callbacks, recorded };
}

function newTrainer(
  dataset: LoadedDataset,
  env: EpochBenchEnv,
  runConfig: RunConfig,
  featureCacheBudget: number,
  onEpoch?: (log: EpochLog) => void,
) {
  const { callbacks, recorded } = quietCallbacks(env.now, onEpoch);
  const trainer = new Trainer(
    'bench',
    'bench',
    runConfig,
    {
      dataset,
      decoder: env.decoder,
      baseWeights: null,
      canFineTune: false,
      backendName: env.backend,
      now: env.now,
      featureCacheBudget,
      reportEveryMs: 250,
    },
    callbacks,
  );
  return { trainer, recorded };
}

function secondEpoch(recorded: Recorded): number {
  const log = recorded.epochs[1];
  if (!log) throw new Error('The run ended before its second epoch');
  return log.seconds;
}

/**
 * An epoch through the whole path (zip entry → decode → augment → step, with
 * the trainer's prefetch) against the same steps on tensors made beforehand.
 * Epoch 2 of the run is timed, so both sides are warm.
 */
export async function measurePipeline(
  dataset: LoadedDataset,
  env: EpochBenchEnv,
  size: number,
  batch: number,
): Promise<PipelineResult> {
  const train = onlySplits(dataset, ['train']);
  const runConfig = config(size, batch, 2, DEFAULT_AUGMENT);
  const { trainer, recorded } = newTrainer(train, env, runConfig, 0);
  const premade: { x: tf.Tensor4D; y: tf.Tensor2D }[] = [];
  const optimizer = tf.train.momentum(REFERENCE_TRAINING.learningRate, REFERENCE_TRAINING.momentum);
  try {
    const outcome = await trainer.run();
    if (outcome !== 'finished') throw new Error(`The pipeline run ended ${outcome}`);
    const wholePathSeconds = secondEpoch(recorded);

    const refs = train.splits.train;
    for (let start = 0; start < refs.length; start += batch) {
      const b = await readBatch(train.source, refs.slice(start, start + batch), env.decoder, size);
      premade.push({
        x: tf.tensor4d(b.images, [b.count, size, size, 3], 'float32'),
        y: tf.tensor2d(b.labels, [b.count, 1]),
      });
    }
    const head = trainer.classifier.head;
    const variables = head.trainableWeights.map((w) => w.read() as tf.Variable);
    const step = async ({ x, y }: { x: tf.Tensor4D; y: tf.Tensor2D }, seed: number) => {
      const features = tf.tidy(() => {
        const pre = preprocessCaffe(augmentBatch(x, DEFAULT_AUGMENT, seed));
        return trainer.classifier.base.apply(pre, { training: false }) as tf.Tensor;
      });
      setDropoutSeed(head, seed);
      await trainStep(head, variables, optimizer, features, y);
      features.dispose();
    };
    await step(premade[0] as { x: tf.Tensor4D; y: tf.Tensor2D }, 0);
    const t0 = env.now();
    for (const [i, b] of premade.entries()) await step(b, i + 1);
    const premadeSeconds = (env.now() - t0) / 1000;
    return {
      runtime: env.runtime,
      backend: env.backend,
      size,
      batch,
      images: refs.length,
      wholePathSeconds,
      premadeSeconds,
      ratio: wholePathSeconds / premadeSeconds,
    };
  } finally {
    for (const b of premade) tf.dispose([b.x, b.y]);
    optimizer.dispose();
    trainer.dispose();
  }
}

/** Head-only epochs (no augmentation) with the base run per batch, then on cached base features. */
export async function measureFeatureCache(
  dataset: LoadedDataset,
  env: EpochBenchEnv,
  size: number,
  batch: number,
): Promise<FeatureCacheResult> {
  const data = onlySplits(dataset, ['train', 'validation']);
  const runConfig = config(size, batch, 2, NO_AUGMENT);
  const epochSeconds = async (budget: number) => {
    const { trainer, recorded } = newTrainer(data, env, runConfig, budget);
    try {
      const outcome = await trainer.run();
      if (outcome !== 'finished') throw new Error(`The feature-cache run ended ${outcome}`);
      // The run says 'running' as it starts and again once the cache is built.
      const running = recorded.statuses.filter((s) => s.status === 'running');
      const build =
        running.length > 1 ? ((running.at(-1)?.at ?? 0) - (running[0]?.at ?? 0)) / 1000 : 0;
      return { epoch: secondEpoch(recorded), build };
    } finally {
      trainer.dispose();
    }
  };
  const without = await epochSeconds(0);
  const withCache = await epochSeconds(Number.POSITIVE_INFINITY);
  return {
    runtime: env.runtime,
    backend: env.backend,
    size,
    images: data.splits.train.length + data.splits.validation.length,
    epochWithoutCache: without.epoch,
    epochWithCache: withCache.epoch,
    cacheBuildSeconds: withCache.build,
    speedup: without.epoch / withCache.epoch,
  };
}

/** Live tensors and bytes after epoch 1 and epoch 5 of an augmented run, then after dispose. */
export async function measureMemory(
  dataset: LoadedDataset,
  env: EpochBenchEnv,
  size: number,
  batch: number,
): Promise<MemoryResult> {
  const epochs: MemoryResult['epochs'] = [];
  const before = tf.memory().numTensors;
  const { trainer } = newTrainer(
    onlySplits(dataset, ['train', 'validation']),
    env,
    config(size, batch, 5, DEFAULT_AUGMENT),
    0,
    (log) => {
      if (log.epoch === 1 || log.epoch === 5) {
        const m = tf.memory();
        epochs.push({ epoch: log.epoch, numTensors: m.numTensors, numBytes: m.numBytes });
      }
    },
  );
  try {
    await trainer.run();
  } finally {
    trainer.dispose();
  }
  return {
    runtime: env.runtime,
    backend: env.backend,
    epochs,
    before,
    afterDispose: tf.memory().numTensors,
  };
}
