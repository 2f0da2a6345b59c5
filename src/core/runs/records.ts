import type { BackendName } from '../../domain/backend.ts';
import type { DatasetSummary } from '../../domain/dataset.ts';
import type { RunConfig, RunRecord, TestResults } from '../../domain/training.ts';

/** A name that says what differs between runs. */
export function defaultRunName(config: RunConfig): string {
  const t = config.training;
  return `${config.model.inputSize}px · batch ${t.batchSize} · lr ${t.learningRate} · ${t.epochs}+${t.fineTuneEpochs} epochs`;
}

export function newRunId(now = Date.now(), random = Math.random()): string {
  return `run-${now.toString(36)}-${Math.floor(random * 1e6).toString(36)}`;
}

/** Identifies a loaded dataset well enough to refuse resuming a run on another one. */
export function datasetKey(summary: DatasetSummary | null): string | null {
  if (!summary) return null;
  return `${summary.zipFile.name}|${summary.labelFile.name}|${summary.splits.map((s) => s.count).join('/')}`;
}

/** The two file names of a dataset key, for a message. */
export function datasetKeyFiles(key: string): string {
  return key.split('|').slice(0, 2).join(' and ');
}

export interface NewRun {
  id: string;
  name: string;
  config: RunConfig;
  backend: BackendName;
  randomWeights: boolean;
  synthetic: boolean;
  createdAt: number;
}

export function newRunRecord(run: NewRun): RunRecord {
  return { ...run, history: [], test: null, seconds: 0, status: 'running' };
}

/** What a run record keeps of the test results: everything but the per-image arrays. */
export function recordedTest(results: TestResults): RunRecord['test'] {
  const { misclassified: _m, labels: _l, probabilities: _p, ...summary } = results;
  return summary;
}

/** Newest first, as the Runs table lists them. */
export function newestFirst(runs: RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => b.createdAt - a.createdAt);
}
