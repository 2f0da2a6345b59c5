import type { SplitName } from '../../domain/dataset.ts';
import type { EpochLog, RunConfig } from '../../domain/training.ts';
import { readBatch } from '../dataset/batch.ts';
import type { DataWait } from '../dataset/prefetch.ts';
import type { Batch, ImageRef } from '../dataset/types.ts';
import type { SplitPredictions } from '../evaluation/predict.ts';
import { buildClassifier, type Classifier } from '../model/classifier.ts';
import { applyWeights } from '../model/kerasWeights.ts';
import {
  type CheckpointPayload,
  checkBaseWeights,
  type EarlyStoppingState,
  type RunPosition,
} from './checkpoint.ts';
import { afterEpoch, earlyStopNotice, freshEarlyStopping, restoreBest } from './earlyStopping.ts';
import { EpochTally } from './epoch.ts';
import { disposeOptimizer } from './optimizer.ts';
import { openPhase, type PhaseRun } from './phaseRun.ts';
import { epochsBefore, headOnlyNotice, type PhasePlan, planPhases } from './plan.ts';
import { trainingProgress } from './progress.ts';
import { RunControl } from './runControl.ts';
import { buildSplitCaches, type SplitCaches } from './splitCaches.ts';
import { EVAL_BATCH, predictSplit } from './splitPredictions.ts';
import { type EpochContext, type EpochOutcome, trainEpoch } from './trainEpoch.ts';
import type { TrainerCallbacks, TrainerDeps } from './types.ts';
import {
  restoreVariables,
  snapshotOptimizer,
  snapshotVariables,
  type WeightSnapshot,
} from './weights.ts';

export type RunOutcome = 'finished' | 'stopped' | 'failed';

/** When the run (this session) and the epoch began, by the injected clock. */
interface Clock {
  started: number;
  epochStart: number;
}

/**
 * The reference's training, as an engine: phase 1 trains the head on the
 * frozen base, phase 2 fine-tunes from a chosen block. Pausable, stoppable,
 * checkpointed every epoch, deterministic for a seed.
 */
export class Trainer {
  readonly classifier: Classifier;
  history: EpochLog[] = [];
  /** Time the image steps of this session waited for decoded batches, summed over epochs. */
  readonly dataWait: DataWait = { waitedMs: 0, spanMs: 0, batches: 0 };
  private position: RunPosition = { phaseIndex: 0, epochsDone: 0 };
  private early: EarlyStoppingState = freshEarlyStopping();
  private optimizerState: WeightSnapshot[] = [];
  private baseChanged = false;
  private readonly control: RunControl;
  private elapsedBefore = 0;
  /** Epochs already done when this session started (non-zero after a resume), for the ETA. */
  private epochsAtStart = 0;
  private readonly phases: PhasePlan[];
  private caches: SplitCaches = {};

  constructor(
    readonly runId: string,
    readonly name: string,
    readonly config: RunConfig,
    private readonly deps: TrainerDeps,
    private readonly callbacks: TrainerCallbacks,
  ) {
    this.phases = planPhases(config);
    this.control = new RunControl(callbacks.status);
    this.classifier = buildClassifier(config.model, config.training.seed);
    if (deps.baseWeights) applyWeights(this.classifier.base, deps.baseWeights.weights);
  }

  /** Continues a run from its checkpoint: same history, weights and position. */
  static fromCheckpoint(
    payload: CheckpointPayload,
    deps: TrainerDeps,
    callbacks: TrainerCallbacks,
  ): Trainer {
    checkBaseWeights(payload, deps.baseWeights?.hash ?? null);
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

  /** Rows of every forward-only pass (feature caching, evaluation): one shape for all. */
  get forwardBatch(): number {
    return Math.min(EVAL_BATCH, this.config.training.batchSize);
  }

  pause(): void {
    this.control.pause();
  }

  resume(): void {
    this.control.resume();
  }

  /** Ends after the current batch; the model keeps what it learned. */
  stop(): void {
    this.control.stop();
  }

  private activePhases(): PhasePlan[] {
    return this.phases.filter((p) => p.epochs > 0 && (p.phase === 'head' || this.deps.canFineTune));
  }

  async run(): Promise<RunOutcome> {
    const started = this.deps.now();
    this.epochsAtStart = this.history.length;
    const fineTune = this.phases[1] as PhasePlan;
    if (fineTune.epochs > 0 && !this.deps.canFineTune) {
      this.callbacks.notice(headOnlyNotice(this.deps.backendName));
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

  private async runPhase(plan: PhasePlan, started: number): Promise<RunOutcome> {
    const run = await this.openPhase(plan);
    try {
      for (let epoch = this.position.epochsDone; epoch < plan.epochs; epoch++) {
        const clock = { started, epochStart: this.deps.now() };
        const tally = await this.trainEpoch(run, epoch, clock);
        if (tally === 'stopped' || tally === 'failed') return tally;
        if (await this.endEpoch(run, epoch, tally, clock)) break;
      }
      const last = this.history[this.history.length - 1];
      const restored = restoreBest(
        this.early,
        plan.phase,
        this.classifier,
        last ? last.epoch : null,
        this.config.training,
      );
      if (restored) this.callbacks.notice(restored);
      return 'finished';
    } finally {
      disposeOptimizer(run.optimizer);
    }
  }

  private openPhase(plan: PhasePlan): Promise<PhaseRun> {
    if (plan.phase === 'fine-tune') this.baseChanged = true;
    const phaseIndex = this.position.phaseIndex;
    return openPhase({
      config: this.config,
      classifier: this.classifier,
      plan,
      phaseIndex,
      optimizerState: this.optimizerState,
      trainRefs: this.deps.dataset.splits.train,
      epochOffset: epochsBefore(this.phases, this.history, phaseIndex, this.deps.canFineTune),
      cacheTraining: async () =>
        (await this.prepareCaches()) ? (this.caches.train?.size ?? null) : null,
    });
  }

  /** One epoch of the phase; adds the time image steps waited for data. */
  private async trainEpoch(run: PhaseRun, epoch: number, clock: Clock): Promise<EpochOutcome> {
    const context: EpochContext = {
      config: this.config,
      classifier: this.classifier,
      trainCache: this.caches.train,
      read: (refs) => this.read(refs),
      control: this.control,
      now: this.deps.now,
      reportEveryMs: this.deps.reportEveryMs,
      callbacks: this.callbacks,
      saved: this.history.length,
      progress: (batch, seen) => this.reportProgress(run, epoch, batch, seen, clock),
    };
    const { outcome, wait } = await trainEpoch(context, run, epoch);
    if (wait && outcome instanceof EpochTally) this.addDataWait(wait);
    return outcome;
  }

  /** Validates, records and checkpoints a finished epoch; true when early stopping ends the phase. */
  private async endEpoch(
    run: PhaseRun,
    epoch: number,
    tally: EpochTally,
    clock: Clock,
  ): Promise<boolean> {
    const val = await this.validate(run, run.epochOffset + epoch + 1);
    const log: EpochLog = {
      epoch: run.epochOffset + epoch + 1,
      phase: run.plan.phase,
      loss: tally.loss,
      accuracy: tally.accuracy,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      seconds: (this.deps.now() - clock.epochStart) / 1000,
    };
    this.history.push(log);
    this.position = { phaseIndex: run.phaseIndex, epochsDone: epoch + 1 };
    const { training } = this.config;
    const early = await afterEpoch(this.early, log, this.classifier, training);
    this.early = early.state;
    this.optimizerState = await snapshotOptimizer(run.optimizer);
    // Saved before it is shown: an epoch in the history is an epoch a reload keeps.
    await this.saveCheckpoint(clock.started);
    this.callbacks.epoch(log);
    if (early.stop)
      this.callbacks.notice(earlyStopNotice(this.early, training.earlyStoppingPatience));
    return early.stop;
  }

  /** The validation pass at an epoch's end, counted on the progress bar like caching and evaluation. */
  private async validate(run: PhaseRun, epoch: number): Promise<SplitPredictions | null> {
    const label = `Validating epoch ${epoch}`;
    // A pause or a stop asked for during the pass keeps its status (and the Resume button).
    const val = await this.evaluateSplit('validation', run.useCache, false, (done, total) => {
      if (this.control.running) {
        this.callbacks.status('running', `${label}: ${done}/${total}`, { label, done, total });
      }
    });
    if (this.control.running) this.callbacks.status('running', null);
    return val;
  }

  /** Probabilities for a whole split, without augmentation or dropout. */
  evaluateSplit(
    split: SplitName,
    useCache: boolean,
    keepImages: boolean,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SplitPredictions | null> {
    return predictSplit(this.classifier, {
      refs: this.deps.dataset.splits[split],
      source: this.deps.dataset.source,
      decoder: this.deps.decoder,
      inputSize: this.config.model.inputSize,
      cache: useCache ? this.caches[split] : undefined,
      rows: this.forwardBatch,
      keepWrong: keepImages,
      onSkipped: (skipped) => this.callbacks.skipped(skipped),
      onProgress,
    });
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
    run: PhaseRun,
    epoch: number,
    batch: number,
    seen: number,
    clock: Clock,
  ): void {
    const now = this.deps.now();
    this.callbacks.progress(
      trainingProgress({
        phase: run.plan.phase,
        epoch: run.epochOffset + epoch + 1,
        totalEpochs: this.totalEpochs,
        epochsDone: this.history.length,
        epochsAtStart: this.epochsAtStart,
        batch,
        batches: run.batches,
        seen,
        epochSeconds: (now - clock.epochStart) / 1000,
        sessionSeconds: (now - clock.started) / 1000,
      }),
    );
  }

  /** Builds base-feature caches for train and validation when they fit the budget. */
  private async prepareCaches(): Promise<boolean> {
    if (this.caches.train) return true;
    this.caches = await buildSplitCaches({
      base: this.classifier.base,
      splits: this.deps.dataset.splits,
      budget: this.deps.featureCacheBudget,
      rows: this.forwardBatch,
      read: (refs) => this.read(refs),
      stopped: () => this.control.stopped,
      skipped: (batch) => this.reportSkipped(batch),
      callbacks: this.callbacks,
    });
    return this.caches.train !== undefined;
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
