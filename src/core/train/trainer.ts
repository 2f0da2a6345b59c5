import * as tf from '@tensorflow/tfjs';
import type { SplitName } from '../../domain/dataset.ts';
import type { EpochLog, Phase, RunConfig } from '../../domain/training.ts';
import { augmentBatch } from '../augment/augment.ts';
import { readBatch } from '../dataset/batch.ts';
import { BatchPrefetcher, type DataWait } from '../dataset/prefetch.ts';
import type { Batch, ImageRef } from '../dataset/types.ts';
import { predictImages, type SplitPredictions, summarizePredictions } from '../evaluate/predict.ts';
import { buildClassifier, type Classifier, setTrainableBlocks } from '../model/classifier.ts';
import { applyWeights } from '../model/kerasWeights.ts';
import { preprocessCaffe } from '../model/preprocess.ts';
import { seedFor, shuffledIndices } from '../random.ts';
import type { CheckpointPayload, EarlyStoppingState, RunPosition } from './checkpoint.ts';
import { batchSlice, EpochTally, type PhaseRun, type StepResult } from './epoch.ts';
import {
  cacheFeatures,
  type FeatureCache,
  featureCacheBytes,
  formatBytes,
} from './featureCache.ts';
import { disposeOptimizer, makeOptimizer } from './optimizer.ts';
import {
  advanceEarlyStopping,
  augmentIsOff,
  freshEarlyStopping,
  type PhasePlan,
  planPhases,
} from './plan.ts';
import { predictProbabilities, setDropoutSeed, trainStep } from './step.ts';
import type { TrainerCallbacks, TrainerDeps } from './types.ts';
import {
  restoreOptimizer,
  restoreVariables,
  snapshotOptimizer,
  snapshotVariables,
  type WeightSnapshot,
} from './weights.ts';

export type RunOutcome = 'finished' | 'stopped' | 'failed';

const EVAL_BATCH = 32;

/**
 * The reference's training, as an engine: phase 1 trains the head on the
 * frozen base, phase 2 fine-tunes from a chosen block. Pausable, stoppable,
 * checkpointed every epoch, deterministic for a seed.
 */
/** Batches read ahead of the one training: enough to ride out a slow decode or zip read. */
export const PREFETCH_DEPTH = 3;

export class Trainer {
  readonly classifier: Classifier;
  history: EpochLog[] = [];
  /** Time the image steps of this session waited for decoded batches, summed over epochs. */
  readonly dataWait: DataWait = { waitedMs: 0, spanMs: 0, batches: 0 };
  private position: RunPosition = { phaseIndex: 0, epochsDone: 0 };
  private early: EarlyStoppingState = freshEarlyStopping();
  private optimizerState: WeightSnapshot[] = [];
  private baseChanged = false;
  private paused: { promise: Promise<void>; release: () => void } | null = null;
  private stopRequested = false;
  private elapsedBefore = 0;
  /** Epochs already done when this session started (non-zero after a resume), for the ETA. */
  private epochsAtStart = 0;
  private readonly phases: PhasePlan[];
  private caches: Partial<Record<SplitName, FeatureCache>> = {};

  constructor(
    readonly runId: string,
    readonly name: string,
    readonly config: RunConfig,
    private readonly deps: TrainerDeps,
    private readonly callbacks: TrainerCallbacks,
  ) {
    this.phases = planPhases(config);
    this.classifier = buildClassifier(config.model, config.training.seed);
    if (deps.baseWeights) applyWeights(this.classifier.base, deps.baseWeights.weights);
  }

  /** Continues a run from its checkpoint: same history, weights and position. */
  static fromCheckpoint(
    payload: CheckpointPayload,
    deps: TrainerDeps,
    callbacks: TrainerCallbacks,
  ): Trainer {
    const wanted = payload.baseWeightsHash;
    const have = deps.baseWeights?.hash ?? null;
    if (wanted !== have && payload.base === null) {
      throw new Error(
        wanted
          ? 'This run started from ImageNet weights that are not loaded now: load the same VGG16 weights file, then resume.'
          : 'This run started from random base weights: unload the VGG16 weights to resume it.',
      );
    }
    const trainer = new Trainer(payload.runId, payload.name, payload.config, deps, callbacks);
    restoreVariables(trainer.classifier.head.weights, payload.head);
    if (payload.base) {
      restoreVariables(trainer.classifier.base.weights, payload.base);
      trainer.baseChanged = true;
    }
    trainer.history = payload.history.map((h) => ({ ...h }));
    trainer.position = { ...payload.position };
    trainer.early = payload.earlyStopping;
    trainer.optimizerState = payload.optimizer;
    trainer.elapsedBefore = payload.elapsedSeconds;
    return trainer;
  }

  get classNames(): [string, string] {
    return this.deps.dataset.classNames;
  }

  get randomWeights(): boolean {
    return this.deps.baseWeights === null;
  }

  get totalEpochs(): number {
    return this.activePhases().reduce((sum, p) => sum + p.epochs, 0);
  }

  pause(): void {
    if (this.paused) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.paused = { promise, release };
    this.callbacks.status('paused', null);
  }

  resume(): void {
    if (!this.paused) return;
    const { release } = this.paused;
    this.paused = null;
    this.callbacks.status('running', null);
    release();
  }

  /** Ends after the current batch; the model keeps what it learned. */
  stop(): void {
    this.stopRequested = true;
    this.callbacks.status('stopping', 'Stopping after the current batch…');
    this.resume();
  }

  private activePhases(): PhasePlan[] {
    return this.phases.filter((p) => p.epochs > 0 && (p.phase === 'head' || this.deps.canFineTune));
  }

  async run(): Promise<RunOutcome> {
    const started = this.deps.now();
    this.epochsAtStart = this.history.length;
    const fineTune = this.phases[1] as PhasePlan;
    if (fineTune.epochs > 0 && !this.deps.canFineTune) {
      this.callbacks.notice(
        `The ${this.deps.backendName} backend has no gradients for convolutions, so it trains the head on the frozen base only. Fine-tuning (phase 2) needs WebGPU or WebGL.`,
      );
    }
    this.callbacks.status('running', null);
    try {
      for (let p = this.position.phaseIndex; p < this.phases.length; p++) {
        const plan = this.phases[p] as PhasePlan;
        if (plan.epochs === 0 || (plan.phase === 'fine-tune' && !this.deps.canFineTune)) continue;
        if (p !== this.position.phaseIndex) {
          this.position = { phaseIndex: p, epochsDone: 0 };
          this.early = freshEarlyStopping();
          this.optimizerState = [];
        }
        const outcome = await this.runPhase(plan, started);
        if (outcome !== 'finished') return outcome;
      }
      this.position = { phaseIndex: this.phases.length, epochsDone: 0 };
      return 'finished';
    } finally {
      this.disposeCaches();
    }
  }

  private elapsed(started: number): number {
    return this.elapsedBefore + (this.deps.now() - started) / 1000;
  }

  private trainableVariables(phase: Phase): tf.Variable[] {
    const model = phase === 'head' ? this.classifier.head : this.classifier.full;
    return model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  private async runPhase(plan: PhasePlan, started: number): Promise<RunOutcome> {
    const run = await this.openPhase(plan);
    try {
      for (let epoch = this.position.epochsDone; epoch < plan.epochs; epoch++) {
        const epochStart = this.deps.now();
        const tally = await this.trainEpoch(run, epoch, epochStart, started);
        if (tally === 'stopped' || tally === 'failed') return tally;
        if (await this.endEpoch(run, epoch, tally, epochStart, started)) break;
      }
      this.restoreBest(plan.phase);
      return 'finished';
    } finally {
      disposeOptimizer(run.optimizer);
    }
  }

  /** Unfreezes what the phase trains and makes its optimiser (restored when resuming). */
  private async openPhase(plan: PhasePlan): Promise<PhaseRun> {
    const { training, model } = this.config;
    const phaseIndex = this.position.phaseIndex;
    if (plan.phase === 'head') setTrainableBlocks(this.classifier, null);
    else {
      setTrainableBlocks(this.classifier, model.unfreezeFromBlock);
      this.baseChanged = true;
    }
    const variables = this.trainableVariables(plan.phase);
    const optimizer = makeOptimizer(training, plan.learningRate);
    try {
      if (this.optimizerState.length > 0) await restoreOptimizer(optimizer, this.optimizerState);
      const useCache =
        plan.phase === 'head' && augmentIsOff(this.config) && (await this.prepareCaches());
      const trainRefs = this.deps.dataset.splits.train;
      const total = useCache ? (this.caches.train as FeatureCache).size : trainRefs.length;
      const batches = Math.ceil(total / training.batchSize);
      if (batches === 0) throw new Error('The training split is empty: nothing to train on.');
      const epochOffset = this.epochOffset(phaseIndex);
      return {
        plan,
        phaseIndex,
        variables,
        optimizer,
        useCache,
        trainRefs,
        total,
        batches,
        epochOffset,
      };
    } catch (error) {
      disposeOptimizer(optimizer);
      throw error;
    }
  }

  /** One pass over the training split, batch by batch; reports batches and progress as it goes. */
  private async trainEpoch(
    run: PhaseRun,
    epoch: number,
    epochStart: number,
    started: number,
  ): Promise<EpochTally | 'stopped' | 'failed'> {
    const { seed, batchSize } = this.config.training;
    const order = shuffledIndices(run.total, seedFor(seed, run.phaseIndex, epoch));
    const tally = new EpochTally();
    const prefetch = run.useCache
      ? null
      : new BatchPrefetcher(
          run.batches,
          (b) =>
            this.read(batchSlice(order, b, batchSize).map((i) => run.trainRefs[i] as ImageRef)),
          PREFETCH_DEPTH,
          this.deps.now,
        );
    for (let b = 0; b < run.batches; b++) {
      if (this.paused) await this.paused.promise;
      if (this.stopRequested) {
        await prefetch?.close();
        return 'stopped';
      }
      const indices = batchSlice(order, b, batchSize);
      const result = await this.trainBatch(
        run,
        indices,
        prefetch,
        seedFor(seed, run.phaseIndex, epoch, b),
      );
      if (!result) continue;
      if (!Number.isFinite(result.loss)) {
        await prefetch?.close();
        this.reportDivergence(result.loss, run.epochOffset + epoch + 1, b + 1);
        return 'failed';
      }
      const { loss, accuracy } = result;
      const phase = run.plan.phase;
      tally.add(result, {
        phase,
        epoch: run.epochOffset + epoch + 1,
        batch: b + 1,
        loss,
        accuracy,
      });
      const logs = tally.due(this.deps.now(), this.deps.reportEveryMs, b === run.batches - 1);
      if (logs) {
        this.callbacks.batches(logs);
        this.reportProgress(run.plan, epoch, b + 1, run.batches, tally.seen, epochStart, started);
      }
    }
    if (prefetch) this.addDataWait(await prefetch.close());
    if (tally.seen === 0) {
      this.callbacks.status(
        'failed',
        `Epoch ${run.epochOffset + epoch + 1}: none of the ${run.total} training images could be decoded, so there was nothing to train on. The skipped images say why.`,
      );
      return 'failed';
    }
    return tally;
  }

  /** One optimiser step on cached features (`indices`) or on the next prefetched image batch. */
  private async trainBatch(
    run: PhaseRun,
    indices: number[],
    prefetch: BatchPrefetcher<Batch> | null,
    seed: number,
  ): Promise<StepResult | null> {
    if (run.useCache) return this.cachedStep(indices, run.variables, run.optimizer, seed);
    // The next batches decode while this one trains.
    const batch = await (prefetch as BatchPrefetcher<Batch>).next();
    this.reportSkipped(batch);
    if (batch.count === 0) return null;
    return this.imageStep(batch, run.plan.phase, run.variables, run.optimizer, seed);
  }

  private reportDivergence(loss: number, epoch: number, batch: number): void {
    const saved = this.history.length;
    this.callbacks.status(
      'failed',
      `The loss became ${loss} at epoch ${epoch}, batch ${batch}. Training stopped; ${
        saved > 0
          ? `the checkpoint of epoch ${saved} is kept`
          : 'no epoch had finished, so there is no checkpoint'
      }. Try a lower learning rate.`,
    );
  }

  /** Validates, records and checkpoints a finished epoch; true when early stopping ends the phase. */
  private async endEpoch(
    run: PhaseRun,
    epoch: number,
    tally: EpochTally,
    epochStart: number,
    started: number,
  ): Promise<boolean> {
    const val = await this.validate(run, run.epochOffset + epoch + 1);
    const log: EpochLog = {
      epoch: run.epochOffset + epoch + 1,
      phase: run.plan.phase,
      loss: tally.loss,
      accuracy: tally.accuracy,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      seconds: (this.deps.now() - epochStart) / 1000,
    };
    this.history.push(log);
    this.position = { phaseIndex: run.phaseIndex, epochsDone: epoch + 1 };
    const stopEarly = await this.updateEarlyStopping(log, run.plan.phase);
    this.optimizerState = await snapshotOptimizer(run.optimizer);
    // Saved before it is shown: an epoch in the history is an epoch a reload keeps.
    await this.saveCheckpoint(started);
    this.callbacks.epoch(log);
    if (stopEarly) {
      this.callbacks.notice(
        `Early stopping: val_loss did not improve for ${this.config.training.earlyStoppingPatience} epochs (best ${this.early.bestValLoss.toFixed(4)} at epoch ${this.early.bestEpoch}).`,
      );
    }
    return stopEarly;
  }

  /** The validation pass at an epoch's end, counted on the progress bar like caching and evaluation. */
  private async validate(run: PhaseRun, epoch: number): Promise<SplitPredictions | null> {
    const label = `Validating epoch ${epoch}`;
    const val = await this.evaluateSplit('validation', run.useCache, false, (done, total) => {
      // A stop asked for during the pass keeps its "stopping" status.
      if (!this.stopRequested) {
        this.callbacks.status('running', `${label}: ${done}/${total}`, { label, done, total });
      }
    });
    if (!this.stopRequested) this.callbacks.status('running', null);
    return val;
  }

  private epochOffset(phaseIndex: number): number {
    let offset = 0;
    for (let p = 0; p < phaseIndex; p++) {
      const plan = this.phases[p] as PhasePlan;
      if (plan.phase === 'head' || this.deps.canFineTune) {
        offset += this.history.filter((h) => h.phase === plan.phase).length;
      }
    }
    return offset;
  }

  private read(refs: ImageRef[]): Promise<Batch> {
    return readBatch(
      this.deps.dataset.source,
      refs,
      this.deps.decoder,
      this.config.model.inputSize,
    );
  }

  private addDataWait(wait: DataWait): void {
    this.dataWait.waitedMs += wait.waitedMs;
    this.dataWait.spanMs += wait.spanMs;
    this.dataWait.batches += wait.batches;
  }

  private reportSkipped(batch: Batch): void {
    if (batch.skipped.length > 0) this.callbacks.skipped(batch.skipped);
  }

  private reportProgress(
    plan: PhasePlan,
    epoch: number,
    batch: number,
    batches: number,
    seen: number,
    epochStart: number,
    started: number,
  ): void {
    const total = this.totalEpochs;
    const done = this.history.length + batch / batches;
    const seconds = (this.deps.now() - epochStart) / 1000;
    const imagesPerSecond = seconds > 0 ? seen / seconds : 0;
    const elapsed = this.elapsed(started) - this.elapsedBefore;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const sessionDone = done - this.epochsAtStart;
    this.callbacks.progress({
      phase: plan.phase,
      epoch: this.epochOffset(this.position.phaseIndex) + epoch + 1,
      epochs: total,
      batch,
      batches,
      fraction,
      imagesPerSecond,
      etaSeconds: sessionDone > 0 && fraction < 1 ? (elapsed / sessionDone) * (total - done) : null,
    });
  }

  private async imageStep(
    batch: Batch,
    phase: Phase,
    variables: tf.Variable[],
    optimizer: tf.Optimizer,
    seed: number,
  ): Promise<StepResult> {
    const s = batch.size;
    const { inputs, labels } = tf.tidy(() => {
      const raw = tf.tensor4d(batch.images, [batch.count, s, s, 3], 'float32');
      const augmented = augmentBatch(raw, this.config.augment, seed);
      const pre = preprocessCaffe(augmented);
      // The frozen base runs outside the gradient tape: only the head learns in phase 1.
      const x =
        phase === 'head'
          ? (this.classifier.base.apply(pre, { training: false }) as tf.Tensor)
          : pre;
      return { inputs: x, labels: tf.tensor2d(batch.labels, [batch.count, 1]) };
    });
    const model = phase === 'head' ? this.classifier.head : this.classifier.full;
    setDropoutSeed(model, seed);
    try {
      const r = await trainStep(model, variables, optimizer, inputs, labels);
      return { ...r, count: batch.count };
    } finally {
      tf.dispose([inputs, labels]);
    }
  }

  private async cachedStep(
    indices: number[],
    variables: tf.Variable[],
    optimizer: tf.Optimizer,
    seed: number,
  ): Promise<StepResult> {
    const { x, y } = (this.caches.train as FeatureCache).take(indices);
    setDropoutSeed(this.classifier.head, seed);
    try {
      const r = await trainStep(this.classifier.head, variables, optimizer, x, y);
      return { ...r, count: indices.length };
    } finally {
      tf.dispose([x, y]);
    }
  }

  /** Builds base-feature caches for train and validation when they fit the budget. */
  private async prepareCaches(): Promise<boolean> {
    if (this.caches.train) return true;
    const shape = this.classifier.base.outputs[0]?.shape ?? [];
    const featureSize = shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
    const { train, validation } = this.deps.dataset.splits;
    const bytes = featureCacheBytes(train.length + validation.length, featureSize);
    if (bytes > this.deps.featureCacheBudget) {
      this.callbacks.notice(
        `Feature cache skipped: ${train.length + validation.length} images × ${featureSize} features would take ${formatBytes(bytes)}, over the ${formatBytes(this.deps.featureCacheBudget)} budget. The base runs on every batch instead.`,
      );
      return false;
    }
    this.callbacks.notice(
      `Feature cache: augmentation is off and the base is frozen, so base features are computed once (${formatBytes(bytes)}) and head epochs train on them.`,
    );
    for (const split of ['train', 'validation'] as const) {
      const refs = this.deps.dataset.splits[split];
      if (refs.length === 0) continue;
      const cache = await cacheFeatures(
        this.classifier.base,
        refs,
        (some) => this.read(some),
        this.forwardBatch,
        {
          stopped: () => this.stopRequested,
          skipped: (batch) => this.reportSkipped(batch),
          progress: (done, total) =>
            this.callbacks.status('preparing', `Caching ${split} features: ${done}/${total}`, {
              label: `Caching ${split} features`,
              done,
              total,
            }),
        },
      );
      if (this.stopRequested) {
        cache?.dispose();
        return false;
      }
      if (cache) this.caches[split] = cache;
    }
    this.callbacks.status('running', null);
    return this.caches.train !== undefined;
  }

  /** Rows of every forward-only pass (feature caching, evaluation): one shape for all. */
  get forwardBatch(): number {
    return Math.min(EVAL_BATCH, this.config.training.batchSize);
  }

  /** Probabilities for a whole split, without augmentation or dropout. */
  async evaluateSplit(
    split: SplitName,
    useCache: boolean,
    keepImages: boolean,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SplitPredictions | null> {
    const cache = useCache ? this.caches[split] : undefined;
    if (!cache) {
      return predictImages(
        this.classifier.full,
        this.deps.dataset.splits[split],
        this.deps.dataset.source,
        this.deps.decoder,
        this.config.model.inputSize,
        {
          keepWrong: keepImages,
          batchSize: this.forwardBatch,
          onSkipped: (skipped) => this.callbacks.skipped(skipped),
          onProgress,
        },
      );
    }
    const probabilities: number[] = [];
    for (let start = 0; start < cache.size; start += EVAL_BATCH) {
      const indices = Array.from(
        { length: Math.min(EVAL_BATCH, cache.size - start) },
        (_, i) => start + i,
      );
      const { x, y } = cache.take(indices);
      y.dispose();
      for (const p of await predictProbabilities(this.classifier.head, x)) probabilities.push(p);
      x.dispose();
      onProgress?.(probabilities.length, cache.size);
    }
    return summarizePredictions(Array.from(cache.labels), probabilities, [...cache.names]);
  }

  private async updateEarlyStopping(log: EpochLog, phase: Phase): Promise<boolean> {
    const { training } = this.config;
    const step = advanceEarlyStopping(
      this.early,
      log.valLoss,
      log.epoch,
      training.earlyStoppingPatience,
    );
    this.early = step.state;
    if (step.improved && training.restoreBestWeights) {
      this.early = { ...this.early, best: await this.snapshotModel(phase) };
    }
    return step.stop;
  }

  private async snapshotModel(
    phase: Phase,
  ): Promise<{ head: WeightSnapshot[]; base: WeightSnapshot[] | null }> {
    return {
      head: await snapshotVariables(this.classifier.head.weights),
      base: phase === 'fine-tune' ? await snapshotVariables(this.classifier.base.weights) : null,
    };
  }

  private restoreBest(phase: Phase): void {
    const best = this.early.best;
    if (!best || !this.config.training.restoreBestWeights) return;
    const last = this.history[this.history.length - 1];
    if (last && last.epoch === this.early.bestEpoch) return;
    restoreVariables(this.classifier.head.weights, best.head);
    if (phase === 'fine-tune' && best.base)
      restoreVariables(this.classifier.base.weights, best.base);
    this.callbacks.notice(
      `Restored the weights of epoch ${this.early.bestEpoch}, the best val_loss (${this.early.bestValLoss.toFixed(4)}).`,
    );
  }

  async checkpointPayload(started: number): Promise<CheckpointPayload> {
    return {
      version: 1,
      runId: this.runId,
      name: this.name,
      config: this.config,
      history: this.history.map((h) => ({ ...h })),
      position: { ...this.position },
      head: await snapshotVariables(this.classifier.head.weights),
      base: this.baseChanged ? await snapshotVariables(this.classifier.base.weights) : null,
      optimizer: this.optimizerState,
      baseWeightsHash: this.deps.baseWeights?.hash ?? null,
      earlyStopping: this.early,
      elapsedSeconds: this.elapsed(started),
      totalEpochs: this.totalEpochs,
    };
  }

  private async saveCheckpoint(started: number): Promise<void> {
    try {
      await this.callbacks.checkpoint(await this.checkpointPayload(started));
    } catch (error) {
      this.callbacks.notice(
        `Checkpoint not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private disposeCaches(): void {
    for (const cache of Object.values(this.caches)) cache?.dispose();
    this.caches = {};
  }

  dispose(): void {
    this.disposeCaches();
    this.classifier.dispose();
  }
}
