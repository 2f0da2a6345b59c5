import type {
  BatchLog,
  EpochLog,
  ResumableRun,
  RunConfig,
  RunRecord,
  TrainingProgress,
  TrainingStatus,
  WorkCount,
} from '../domain/training.ts';

export type TrainingCommand =
  | { scope: 'training'; type: 'start'; config: RunConfig; name: string | null }
  | { scope: 'training'; type: 'pause' }
  | { scope: 'training'; type: 'resume' }
  | { scope: 'training'; type: 'stop' }
  | { scope: 'training'; type: 'resume-run'; runId: string }
  | { scope: 'training'; type: 'queue'; configs: RunConfig[]; name: string }
  | { scope: 'training'; type: 'list-runs' }
  | { scope: 'training'; type: 'delete-run'; runId: string };

export type TrainingEvent =
  | {
      scope: 'training';
      type: 'status';
      status: TrainingStatus;
      message: string | null;
      /** Images counted through a long pass (feature caching, evaluation); null otherwise. */
      work: WorkCount | null;
    }
  | {
      scope: 'training';
      type: 'started';
      runId: string;
      name: string;
      config: RunConfig;
      history: EpochLog[];
    }
  | { scope: 'training'; type: 'progress'; progress: TrainingProgress }
  | { scope: 'training'; type: 'batch'; logs: BatchLog[] }
  | { scope: 'training'; type: 'epoch'; log: EpochLog }
  | { scope: 'training'; type: 'notice'; message: string }
  | { scope: 'training'; type: 'skipped'; count: number; examples: string[] }
  | { scope: 'training'; type: 'runs'; runs: RunRecord[] }
  | { scope: 'training'; type: 'resumable'; run: ResumableRun | null }
  /** The grid run now starting (1-based) of `total`; total 0 when the queue has ended. */
  | { scope: 'training'; type: 'queue'; position: number; total: number };
