import type { BackendInfo } from '../../domain/backend.ts';
import { assertRunConfigs } from '../../domain/runValidation.ts';
import type {
  EpochLog,
  ResumableRun,
  RunConfig,
  RunRecord,
  TestResults,
  TrainingStatus,
  WorkCount,
} from '../../domain/training.ts';
import type { ModelInUse } from '../active/modelInUse.ts';
import type { LoadedDataset } from '../dataset/types.ts';
import { type RunOutcome, Trainer } from '../training/trainer.ts';
import type { TrainerCallbacks, TrainerDeps } from '../training/types.ts';
import {
  datasetKey,
  datasetKeyFiles,
  defaultRunName,
  newestFirst,
  newRunId,
  newRunRecord,
  recordedTest,
} from './records.ts';
import { ACTIVE_RUN_KEY, findResumable, readMarker, resumeOffer } from './resume.ts';
import type { RunStore } from './store.ts';

/** What the manager reads from the session as a run starts. */
export interface RunEnvironment {
  dataset(): LoadedDataset | null;
  /** The demo dataset's parameters when the loaded dataset is the demo, else null. */
  demo(): unknown;
  /** Regenerates the demo dataset, so a run on it can resume after a reload. */
  restoreDemo(demo: unknown): Promise<void>;
  baseWeights(): TrainerDeps['baseWeights'];
  backend(): BackendInfo | null;
}

/** Platform hooks: device loss and fault simulation live outside the engine. */
export interface RunHooks {
  /** Called as progress is reported; throwing stops the run (a lost device). */
  progress?(): void;
  checkpointSaved?(epochsDone: number): void;
  skipped?(entries: { name: string; reason: string }[]): void;
  /** A failure the platform recovers from: true when handled, and the checkpoint is kept. */
  recover?(error: unknown, epochsDone: number): Promise<boolean>;
}

/** What the page hears about runs: the trainer's reports and the manager's own. */
export interface RunReports extends Omit<TrainerCallbacks, 'checkpoint'> {
  started(run: { runId: string; name: string; config: RunConfig; history: EpochLog[] }): void;
  testResults(results: TestResults): void;
  /** Every stored run, newest first. */
  runs(runs: RunRecord[]): void;
  resumable(run: ResumableRun): void;
  /** The grid run now starting (1-based) of `total`; position = total once the queue has ended. */
  queue(position: number, total: number): void;
}

export interface RunManagerDeps {
  store: RunStore;
  report: RunReports;
  inUse: ModelInUse;
  env: RunEnvironment;
  engine: Pick<TrainerDeps, 'decoder' | 'now' | 'featureCacheBudget' | 'reportEveryMs'>;
  hooks?: RunHooks;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs, one at a time: starts and resumes them, queues grids, records each
 * run and its checkpoints in the store, and evaluates what a run trained.
 */
export class RunManager {
  /** Why the current run failed, as last reported. */
  private failure: string | null = null;
  private active: { trainer: Trainer; record: RunRecord } | null = null;
  private queue: { configs: RunConfig[]; name: string; position: number } | null = null;

  constructor(private readonly deps: RunManagerDeps) {}

  get running(): boolean {
    return this.active !== null;
  }

  async start(config: RunConfig, name: string | null): Promise<RunOutcome> {
    if (this.active) throw new Error('A run is in progress: stop it before starting another.');
    const engine = this.trainerDeps();
    this.deps.inUse.setTrained(null);
    const record = newRunRecord({
      id: newRunId(),
      name: name ?? defaultRunName(config),
      createdAt: Date.now(),
      config,
      backend: this.deps.env.backend()?.name ?? 'cpu',
      randomWeights: engine.baseWeights === null,
      synthetic: engine.dataset.summary.synthetic,
    });
    this.status('preparing', 'Building the model…');
    const trainer = new Trainer(record.id, record.name, config, engine, this.callbacks(record));
    return this.run(trainer, record, engine);
  }

  /** Continues a run from its last checkpoint (after a reload, a crash or a lost device). */
  async resumeRun(runId: string): Promise<RunOutcome> {
    if (this.active) throw new Error('A run is in progress: stop it before resuming another.');
    const { store, env } = this.deps;
    const found = await findResumable(store, runId);
    if (!found) throw new Error('That run has no checkpoint left to resume from.');
    const marker = await readMarker(store);
    if (!env.dataset() && marker?.demo) await env.restoreDemo(marker.demo);
    if (marker?.datasetKey && datasetKey(env.dataset()?.summary ?? null) !== marker.datasetKey) {
      throw new Error(
        `Load the same dataset to resume this run (${datasetKeyFiles(marker.datasetKey)}).`,
      );
    }
    const engine = this.trainerDeps();
    this.deps.inUse.setTrained(null);
    const record = { ...found.record, status: 'running' as const };
    const trainer = Trainer.fromCheckpoint(found.payload, engine, this.callbacks(record));
    return this.run(trainer, record, engine);
  }

  pause(): void {
    this.active?.trainer.pause();
  }

  resume(): void {
    this.active?.trainer.resume();
  }

  /** Stops the run in progress after its current batch, and any queued runs. */
  stop(): void {
    this.queue = null;
    this.active?.trainer.stop();
  }

  /** Trains each config in turn; resolves when the last has ended or the queue is stopped. */
  async queueGrid(configs: RunConfig[], name: string): Promise<void> {
    if (this.active) throw new Error('A run is in progress: stop it before queueing a grid.');
    assertRunConfigs(configs, this.deps.env.dataset()?.splits.train.length ?? null);
    this.queue = { configs, name, position: 0 };
    await this.nextInQueue();
  }

  async listRuns(): Promise<void> {
    const runs = await this.safely('Runs not listed', () => this.deps.store.listRuns());
    if (runs) this.deps.report.runs(newestFirst(runs));
  }

  /** Keeps a run trained elsewhere (a cluster job's model.h5) with the others. */
  async addRun(record: RunRecord): Promise<void> {
    await this.deps.store.putRun(record);
    await this.listRuns();
  }

  async deleteRun(runId: string): Promise<void> {
    await this.deps.store.deleteRun(runId);
    await this.listRuns();
  }

  /** Offers the run a reload interrupted, when its checkpoint is still there. */
  async announceResumable(): Promise<void> {
    const { store, report } = this.deps;
    const found = await this.safely('Storage', async () => {
      const marker = await readMarker(store);
      return marker ? findResumable(store, marker.runId) : null;
    });
    if (found) report.resumable(resumeOffer(found));
  }

  private trainerDeps(): TrainerDeps {
    const { env, engine } = this.deps;
    const dataset = env.dataset();
    if (!dataset) throw new Error('Load a dataset first (Dataset step), then start training.');
    const backend = env.backend();
    return {
      ...engine,
      dataset,
      baseWeights: env.baseWeights(),
      canFineTune: backend?.canFineTune ?? true,
      backendName: backend?.name ?? 'unknown',
    };
  }

  private async run(trainer: Trainer, record: RunRecord, engine: TrainerDeps): Promise<RunOutcome> {
    const { store, report, env, hooks } = this.deps;
    this.active = { trainer, record };
    const { id: runId, name, config } = record;
    report.started({ runId, name, config, history: trainer.history });
    await this.safely('Run not recorded', async () => {
      await store.putRun(record);
      const key = datasetKey(env.dataset()?.summary ?? null);
      await store.setMeta(ACTIVE_RUN_KEY, { runId, datasetKey: key, demo: env.demo() });
    });
    let outcome: RunOutcome = 'failed';
    let recovered = false;
    this.failure = null;
    const started = engine.now();
    try {
      outcome = await trainer.run();
    } catch (error) {
      this.failure = errorText(error);
      recovered = (await hooks?.recover?.(error, trainer.history.length)) ?? false;
      if (!recovered) this.status('failed', this.failure);
    } finally {
      this.active = null;
    }
    record.status = outcome;
    record.seconds += (engine.now() - started) / 1000;
    record.history = trainer.history;
    this.deps.inUse.setTrained(trainer);
    if (outcome === 'finished' || outcome === 'stopped') {
      await this.evaluate(record, engine);
      await this.safely('Checkpoint not removed', () => store.deleteCheckpoint(runId));
      await this.safely('Run marker not cleared', () => store.setMeta(ACTIVE_RUN_KEY, null));
    }
    if (outcome === 'failed') record.failure = this.failure ?? 'The run ended without a reason.';
    await this.safely('Run not recorded', () => store.putRun(record));
    // The last status repeats why a run failed, so the page does not end on a bare "failed".
    const message =
      outcome === 'stopped'
        ? 'Stopped: the model keeps what it learned.'
        : outcome === 'failed'
          ? (record.failure ?? null)
          : null;
    this.status(outcome, message);
    await this.listRuns();
    // The checkpoint and run marker were kept: offer the resume now, not only after a reload.
    if (recovered) await this.announceResumable();
    if (this.queue) await this.nextInQueue();
    return outcome;
  }

  private async evaluate(record: RunRecord, engine: TrainerDeps): Promise<void> {
    const results = await this.deps.inUse.evaluate('trained', engine.dataset, engine.decoder, {
      status: (message, work) => this.status('preparing', message, work),
      notice: (message) => this.notice(message),
      skipped: (entries) => this.skipped(entries),
    });
    if (!results) return;
    this.deps.report.testResults(results);
    record.test = recordedTest(results);
  }

  private async nextInQueue(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    const total = queue.configs.length;
    if (queue.position >= total) {
      this.deps.report.queue(total, total);
      this.queue = null;
      return;
    }
    const config = queue.configs[queue.position] as RunConfig;
    queue.position += 1;
    this.deps.report.queue(queue.position, total);
    await this.start(
      config,
      `${queue.name} ${queue.position}/${total} · ${defaultRunName(config)}`,
    );
  }

  private callbacks(record: RunRecord): TrainerCallbacks {
    const { report, store, hooks } = this.deps;
    return {
      status: (status, message, work) => this.status(status, message, work),
      progress: (progress) => {
        hooks?.progress?.();
        report.progress(progress);
      },
      batches: (logs) => report.batches(logs),
      epoch: (log) => {
        report.epoch(log);
        record.history = [...record.history, log];
      },
      notice: (message) => this.notice(message),
      skipped: (entries) => this.skipped(entries),
      checkpoint: async (payload) => {
        const epochsDone = payload.history.length;
        await store.putCheckpoint({
          runId: payload.runId,
          savedAt: Date.now(),
          epochsDone,
          payload,
        });
        await store.putRun({
          ...record,
          history: payload.history,
          seconds: payload.elapsedSeconds,
        });
        hooks?.checkpointSaved?.(epochsDone);
      },
    };
  }

  private status(status: TrainingStatus, message: string | null, work?: WorkCount) {
    if (status === 'failed' && message) this.failure = message;
    this.deps.report.status(status, message, work);
  }

  private notice(message: string): void {
    this.deps.report.notice(message);
  }

  private skipped(entries: { name: string; reason: string }[]): void {
    this.deps.report.skipped(entries);
    this.deps.hooks?.skipped?.(entries);
  }

  private async safely<T>(what: string, action: () => Promise<T>): Promise<T | null> {
    try {
      return await action();
    } catch (error) {
      this.notice(`${what}: ${errorText(error)}`);
      return null;
    }
  }
}
