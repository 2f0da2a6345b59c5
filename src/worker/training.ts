import { testReport } from '../core/evaluate/report.ts';
import { type CheckpointPayload, isCheckpointPayload } from '../core/train/checkpoint.ts';
import { type RunOutcome, Trainer } from '../core/train/trainer.ts';
import type { TrainerCallbacks, TrainerDeps } from '../core/train/types.ts';
import { assertNever } from '../domain/never.ts';
import type { RunConfig, RunRecord } from '../domain/training.ts';
import type { TrainingCommand } from '../protocol/training.ts';
import {
  deleteCheckpoint,
  deleteRun,
  getCheckpoint,
  getMeta,
  getRun,
  listRuns,
  putCheckpoint,
  putRun,
  setMeta,
} from '../storage/db.ts';
import { reportSkipped } from './dataset.ts';
import { workerDecoder } from './decode.ts';
import { evaluateLoaded } from './exporting.ts';
import { afterCheckpoint, isDeviceLoss, reportDeviceLoss, throwIfDeviceLost } from './faults.ts';
import { errorMessage, post } from './port.ts';
import { session } from './session.ts';

/** Feature caches above this are skipped (the worker shares the tab's memory). */
const FEATURE_CACHE_BUDGET = 1.5e9;
const ACTIVE_RUN_KEY = 'active-run';

let active: { trainer: Trainer; record: RunRecord } | null = null;
let queue: { configs: RunConfig[]; name: string; position: number } | null = null;

function callbacks(record: RunRecord): TrainerCallbacks {
  return {
    status: (status, message) => post({ scope: 'training', type: 'status', status, message }),
    progress: (progress) => {
      throwIfDeviceLost();
      post({ scope: 'training', type: 'progress', progress });
    },
    batches: (logs) => post({ scope: 'training', type: 'batch', logs }),
    epoch: (log) => {
      post({ scope: 'training', type: 'epoch', log });
      record.history = [...record.history, log];
    },
    notice: (message) => post({ scope: 'training', type: 'notice', message }),
    skipped: (entries) => {
      post({
        scope: 'training',
        type: 'skipped',
        count: entries.length,
        examples: entries.map((e) => `${e.name}: ${e.reason}`),
      });
      reportSkipped(entries);
    },
    checkpoint: async (payload) => {
      await putCheckpoint({
        runId: payload.runId,
        savedAt: Date.now(),
        epochsDone: payload.history.length,
        payload,
      });
      await putRun({ ...record, history: payload.history, seconds: payload.elapsedSeconds });
      afterCheckpoint(payload.history.length);
    },
  };
}

function deps(): TrainerDeps {
  const dataset = session.dataset;
  if (!dataset) throw new Error('Load a dataset first (Dataset step), then start training.');
  const backend = session.backend;
  return {
    dataset,
    decoder: workerDecoder,
    baseWeights: session.baseWeights,
    canFineTune: backend?.canFineTune ?? true,
    backendName: backend?.name ?? 'unknown',
    now: () => performance.now(),
    featureCacheBudget: FEATURE_CACHE_BUDGET,
    reportEveryMs: 250,
  };
}

function defaultName(config: RunConfig): string {
  const t = config.training;
  return `${config.model.inputSize}px · batch ${t.batchSize} · lr ${t.learningRate} · ${t.epochs}+${t.fineTuneEpochs} epochs`;
}

async function safely<T>(what: string, action: () => Promise<T>): Promise<T | null> {
  try {
    return await action();
  } catch (error) {
    post({ scope: 'training', type: 'notice', message: `${what}: ${errorMessage(error)}` });
    return null;
  }
}

async function start(config: RunConfig, name: string | null): Promise<void> {
  if (active) throw new Error('A run is in progress: stop it before starting another.');
  const d = deps();
  session.trained?.dispose();
  session.trained = null;
  session.lastTest = null;
  const runId = `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const record: RunRecord = {
    id: runId,
    name: name ?? defaultName(config),
    createdAt: Date.now(),
    config,
    history: [],
    test: null,
    backend: session.backend?.name ?? 'cpu',
    seconds: 0,
    status: 'running',
    randomWeights: d.baseWeights === null,
    synthetic: d.dataset.summary.synthetic,
  };
  post({ scope: 'training', type: 'status', status: 'preparing', message: 'Building the model…' });
  const trainer = new Trainer(runId, record.name, config, d, callbacks(record));
  await runTrainer(trainer, record);
}

async function runTrainer(trainer: Trainer, record: RunRecord): Promise<void> {
  active = { trainer, record };
  post({
    scope: 'training',
    type: 'started',
    runId: record.id,
    name: record.name,
    config: record.config,
    history: trainer.history,
  });
  await safely('Run not recorded', async () => {
    await putRun(record);
    await setMeta(ACTIVE_RUN_KEY, {
      runId: record.id,
      datasetKey: datasetKey(),
      demo: session.demo,
    });
  });
  let outcome: RunOutcome = 'failed';
  const started = performance.now();
  let deviceLost = false;
  try {
    outcome = await trainer.run();
  } catch (error) {
    deviceLost = isDeviceLoss(error);
    if (deviceLost) await reportDeviceLoss(error, trainer.history.length);
    else
      post({ scope: 'training', type: 'status', status: 'failed', message: errorMessage(error) });
  } finally {
    active = null;
  }
  record.status = outcome;
  record.seconds += (performance.now() - started) / 1000;
  record.history = trainer.history;
  session.trained = trainer;
  if (outcome === 'finished' || outcome === 'stopped') {
    await evaluate(record);
    await safely('Checkpoint not removed', () => deleteCheckpoint(record.id));
    await safely('Run marker not cleared', () => setMeta(ACTIVE_RUN_KEY, null));
  }
  await safely('Run not recorded', () => putRun(record));
  post({
    scope: 'training',
    type: 'status',
    status: outcome,
    message: outcome === 'stopped' ? 'Stopped: the model keeps what it learned.' : null,
  });
  await sendRuns();
  // The checkpoint and run marker were kept: offer the resume now, not only after a reload.
  if (deviceLost) await announceResumable();
  if (queue) await nextInQueue();
}

async function evaluate(record: RunRecord | null): Promise<void> {
  const trainer = session.trained;
  if (!trainer) throw new Error('Train a model first: there is nothing to evaluate.');
  post({
    scope: 'training',
    type: 'status',
    status: 'preparing',
    message: 'Evaluating on the test set…',
  });
  const predictions = await trainer.evaluateSplit('test', false, true);
  if (!predictions) {
    post({
      scope: 'training',
      type: 'notice',
      message: 'The test split is empty: no test results.',
    });
    return;
  }
  const results = testReport(predictions, trainer.classNames, trainer.randomWeights);
  session.lastTest = results;
  post({ scope: 'training', type: 'test-results', results });
  if (record) {
    const { misclassified: _m, labels: _l, probabilities: _p, ...summary } = results;
    record.test = summary;
  }
}

async function sendRuns(): Promise<void> {
  const runs = await safely('Runs not listed', listRuns);
  if (runs)
    post({ scope: 'training', type: 'runs', runs: runs.sort((a, b) => b.createdAt - a.createdAt) });
}

async function nextInQueue(): Promise<void> {
  if (!queue) return;
  if (queue.position >= queue.configs.length) {
    post({
      scope: 'training',
      type: 'queue',
      position: queue.configs.length,
      total: queue.configs.length,
    });
    queue = null;
    return;
  }
  const config = queue.configs[queue.position] as RunConfig;
  queue.position += 1;
  post({ scope: 'training', type: 'queue', position: queue.position, total: queue.configs.length });
  await start(
    config,
    `${queue.name} ${queue.position}/${queue.configs.length} · ${defaultName(config)}`,
  );
}

function datasetKey(): string | null {
  const summary = session.dataset?.summary;
  if (!summary) return null;
  return `${summary.zipFile.name}|${summary.labelFile.name}|${summary.splits.map((s) => s.count).join('/')}`;
}

/** After a reload: is there a run with a checkpoint to continue? */
export async function announceResumable(): Promise<void> {
  const marker = (await safely('Storage', () => getMeta(ACTIVE_RUN_KEY))) as {
    runId?: string;
  } | null;
  if (!marker?.runId) return;
  const checkpoint = await safely('Storage', () => getCheckpoint(marker.runId as string));
  const record = await safely('Storage', () => getRun(marker.runId as string));
  if (!checkpoint || !record || !isCheckpointPayload(checkpoint.payload)) return;
  const payload = checkpoint.payload;
  post({
    scope: 'training',
    type: 'resumable',
    run: {
      id: payload.runId,
      name: payload.name,
      epochsDone: payload.history.length,
      epochsTotal: payload.totalEpochs,
      savedAt: checkpoint.savedAt,
    },
  });
}

async function resumeRun(runId: string): Promise<void> {
  if (active) throw new Error('A run is in progress: stop it before resuming another.');
  const checkpoint = await getCheckpoint(runId);
  const record = await getRun(runId);
  if (!checkpoint || !record || !isCheckpointPayload(checkpoint.payload)) {
    throw new Error('That run has no checkpoint left to resume from.');
  }
  const marker = (await getMeta(ACTIVE_RUN_KEY)) as {
    datasetKey?: string | null;
    demo?: unknown;
  } | null;
  if (!session.dataset && marker?.demo && session.restoreDemo)
    await session.restoreDemo(marker.demo);
  if (marker?.datasetKey && datasetKey() !== marker.datasetKey) {
    throw new Error(
      `Load the same dataset to resume this run (${marker.datasetKey.split('|').slice(0, 2).join(' and ')}).`,
    );
  }
  const payload: CheckpointPayload = checkpoint.payload;
  const d = deps();
  session.trained?.dispose();
  session.trained = null;
  record.status = 'running';
  const trainer = Trainer.fromCheckpoint(payload, d, callbacks(record));
  await runTrainer(trainer, record);
}

export async function handleTraining(cmd: TrainingCommand): Promise<void> {
  switch (cmd.type) {
    case 'start':
      return start(cmd.config, cmd.name);
    case 'pause':
      active?.trainer.pause();
      return;
    case 'resume':
      active?.trainer.resume();
      return;
    case 'stop':
      queue = null;
      active?.trainer.stop();
      return;
    case 'resume-run':
      return resumeRun(cmd.runId);
    case 'evaluate':
      // A model the user loaded is the one in use; it has no Trainer.
      if (session.loaded) return evaluateLoaded();
      await evaluate(null);
      post({ scope: 'training', type: 'status', status: 'finished', message: null });
      return;
    case 'queue':
      if (active) throw new Error('A run is in progress: stop it before queueing a grid.');
      queue = { configs: cmd.configs, name: cmd.name, position: 0 };
      return nextInQueue();
    case 'list-runs':
      return sendRuns();
    case 'delete-run':
      await deleteRun(cmd.runId);
      return sendRuns();
    default:
      assertNever(cmd, 'training command');
  }
}
