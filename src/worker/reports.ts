import type { EvaluationHooks } from '../core/active/modelInUse.ts';
import type { WeightsReports } from '../core/model/baseWeights.ts';
import type { RunReports } from '../core/runs/manager.ts';
import type { Post } from './port.ts';

/** Skipped entries as the page lists them: a count and a few examples. */
function skippedEvent(entries: { name: string; reason: string }[]) {
  const examples = entries.map((e) => `${e.name}: ${e.reason}`);
  return { scope: 'training', type: 'skipped', count: entries.length, examples } as const;
}

/** The engine's run reports as training events. */
export function runReports(post: Post): RunReports {
  return {
    status: (status, message, work) =>
      post({ scope: 'training', type: 'status', status, message, work: work ?? null }),
    progress: (progress) => post({ scope: 'training', type: 'progress', progress }),
    batches: (logs) => post({ scope: 'training', type: 'batch', logs }),
    epoch: (log) => post({ scope: 'training', type: 'epoch', log }),
    notice: (message) => post({ scope: 'training', type: 'notice', message }),
    skipped: (entries) => post(skippedEvent(entries)),
    started: (run) => post({ scope: 'training', type: 'started', ...run }),
    testResults: (results) => post({ scope: 'evaluation', type: 'results', results }),
    runs: (runs) => post({ scope: 'training', type: 'runs', runs }),
    resumable: (run) => post({ scope: 'training', type: 'resumable', run }),
    queue: (position, total) => post({ scope: 'training', type: 'queue', position, total }),
  };
}

/** The base weights' reports as model events. */
export function weightsReports(post: Post): WeightsReports {
  return {
    status: (status) => post({ scope: 'model', type: 'weights', status }),
    failed: (message) => post({ scope: 'model', type: 'failed', what: 'weights', message }),
  };
}

/** Evaluation's reports; skipped images join the dataset's problems. */
export function evaluationReports(
  post: Post,
  reportSkipped: (entries: { name: string; reason: string }[]) => void,
): EvaluationHooks {
  return {
    status: (message, work) =>
      post({ scope: 'evaluation', type: 'progress', message, work: work ?? null }),
    notice: (message) => post({ scope: 'evaluation', type: 'notice', message }),
    skipped: reportSkipped,
  };
}
