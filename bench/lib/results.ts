/** What one bench run records: every row either has numbers or says why it has none. */

export type Runtime = 'node' | 'browser' | 'pytorch';
/** forward; train: the head on the frozen base (phase 1); fineTune: blocks 5 on; fineTuneAll: the whole base. */
export type StepKind = 'forward' | 'train' | 'fineTune' | 'fineTuneAll';
export const STEP_KINDS: readonly StepKind[] = ['forward', 'train', 'fineTune', 'fineTuneAll'];

export type Measure =
  | { imagesPerSecond: number; steps: number; seconds: number }
  | { skipped: string };

export interface ThroughputRow {
  runtime: Runtime;
  /** The backend as tfjs names it, plus the device when it matters ("webgpu: NVIDIA …"). */
  backend: string;
  size: number;
  batch: number;
  forward: Measure;
  train: Measure;
  fineTune: Measure;
  fineTuneAll: Measure;
}

/** A section that could not run at all, with why. */
export interface Unavailable {
  runtime: Runtime;
  backend: string;
  reason: string;
}

export interface PipelineResult {
  runtime: Runtime;
  backend: string;
  size: number;
  batch: number;
  images: number;
  /** Seconds for one epoch through zip → decode → augment → step. */
  wholePathSeconds: number;
  /** Seconds for the same steps on tensors made beforehand. */
  premadeSeconds: number;
  ratio: number;
}

export interface FeatureCacheResult {
  runtime: Runtime;
  backend: string;
  size: number;
  images: number;
  epochWithoutCache: number;
  epochWithCache: number;
  /** One-off cost of computing the base features. */
  cacheBuildSeconds: number;
  speedup: number;
}

export interface MemoryResult {
  runtime: Runtime;
  backend: string;
  epochs: { epoch: number; numTensors: number; numBytes: number }[];
  /** Tensors left once the trainer is disposed, against those before it was built. */
  afterDispose: number;
  before: number;
}

export interface LongTaskResult {
  runtime: Runtime;
  backend: string;
  trainingSeconds: number;
  /** Main-thread tasks over 50 ms while the run trained and evaluated. */
  count: number;
  longestMs: number;
  /** The same, while the demo dataset was generated and indexed (for comparison). */
  duringLoadCount: number;
}

export interface IngestResult {
  entries: number;
  zipBytes: number;
  seconds: number;
  /** Peak resident memory of the indexing process, and its resident memory before indexing. */
  peakRssBytes: number;
  baselineRssBytes: number;
}

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; platform: string; node: string };
  seconds: number;
  throughput: ThroughputRow[];
  unavailable: Unavailable[];
  pipeline: (PipelineResult | Unavailable)[];
  featureCache: (FeatureCacheResult | Unavailable)[];
  memory: (MemoryResult | Unavailable)[];
  longTasks: (LongTaskResult | Unavailable)[];
  ingest: (IngestResult | { entries: number; skipped: string })[];
}

export function isUnavailable(value: object): value is Unavailable {
  return 'reason' in value;
}
