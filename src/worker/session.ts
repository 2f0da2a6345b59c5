import { ModelInUse, type UseContext } from '../core/active/modelInUse.ts';
import { CurrentDataset } from '../core/dataset/current.ts';
import type { ImageDecoder } from '../core/dataset/types.ts';
import { BaseWeights, type WeightsCache } from '../core/model/baseWeights.ts';
import { RunManager } from '../core/runs/manager.ts';
import type { RunStore } from '../core/runs/store.ts';
import type { BackendInfo, BackendName, KernelChoice } from '../domain/backend.ts';
import { Faults } from './faults.ts';
import type { Post } from './port.ts';
import { runReports, weightsReports } from './reports.ts';

/** Feature caches above this are skipped (the worker shares the tab's memory). */
const FEATURE_CACHE_BUDGET = 1.5e9;

/** What differs between the browser worker and a test: passed in at start-up. */
export interface Platform {
  decoder: ImageDecoder;
  runStore: RunStore;
  weightsCache: WeightsCache;
  startBackend(
    forced: BackendName | null,
    failed?: Map<BackendName, string>,
    kernels?: KernelChoice,
  ): Promise<BackendInfo>;
  /** Regenerates the demo dataset (the dataset handler's), so a run on it can resume. */
  restoreDemo(session: Session, demo: unknown): Promise<void>;
}

/** What the worker holds between commands: one studio session, made once at start-up. */
export interface Session {
  readonly post: Post;
  readonly platform: Platform;
  backend: BackendInfo | null;
  /** The backend started by the first 'init'; later ones wait for it. */
  ready: Promise<void> | null;
  readonly data: CurrentDataset;
  readonly weights: BaseWeights;
  readonly inUse: ModelInUse;
  readonly runs: RunManager;
  readonly faults: Faults;
  /** What a trained model's metadata records about the platform and data. */
  modelContext(): UseContext;
  /** Skipped entries met anywhere join the dataset summary's problems. */
  reportSkipped(skipped: { name: string; reason: string }[]): void;
}

export function createSession(post: Post, platform: Platform): Session {
  const data = new CurrentDataset();
  const inUse = new ModelInUse();
  const weights = new BaseWeights(platform.weightsCache, weightsReports(post));
  const faults = new Faults(post, platform.startBackend);
  const session: Session = {
    post,
    platform,
    backend: null,
    ready: null,
    data,
    weights,
    inUse,
    faults,
    modelContext: () => ({ backend: session.backend, dataset: data.dataset?.summary ?? null }),
    reportSkipped(skipped) {
      const summary = data.addSkipped(skipped);
      if (summary) post({ scope: 'dataset', type: 'summary', summary });
    },
    runs: new RunManager({
      store: platform.runStore,
      report: runReports(post),
      inUse,
      env: {
        dataset: () => data.dataset,
        demo: () => data.demo,
        restoreDemo: (demo) => platform.restoreDemo(session, demo),
        baseWeights: () => weights.weights,
        backend: () => session.backend,
      },
      engine: {
        decoder: platform.decoder,
        now: () => performance.now(),
        featureCacheBudget: FEATURE_CACHE_BUDGET,
        reportEveryMs: 250,
      },
      hooks: {
        progress: () => faults.throwIfDeviceLost(),
        checkpointSaved: (epochsDone) => faults.afterCheckpoint(epochsDone),
        skipped: (entries) => session.reportSkipped(entries),
        recover: async (error, epochsDone) => {
          if (!faults.isDeviceLoss(error)) return false;
          await faults.reportDeviceLoss(session, error, epochsDone);
          return true;
        },
      },
    }),
  };
  return session;
}
