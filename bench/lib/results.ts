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

/** JPEG decode + resize to size × size, with a given number of decodes in flight. */
export interface DecodeResult {
  runtime: Runtime;
  decoder: string;
  source: { width: number; height: number };
  size: number;
  images: number;
  rows: { concurrency: number; imagesPerSecond: number }[];
}

/** Of the time the trainer's image steps took, the share spent waiting for decoded batches. */
export interface DataWaitResult {
  runtime: Runtime;
  backend: string;
  size: number;
  batch: number;
  batches: number;
  waitedSeconds: number;
  spanSeconds: number;
  share: number;
  /** Of `waitedSeconds`, the wait for the first batch (nothing read ahead yet), where known. */
  firstBatchSeconds?: number;
  /** Images per second the whole loop (wait + step) managed. */
  stepImagesPerSecond: number;
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
  /** The same from the press on "Use demo dataset" until its dataset was generated and indexed. */
  indexingCount: number;
  longestIndexingMs: number;
  /** The same before that press: the page's start-up, which is not part of the run. */
  startupCount: number;
  longestStartupMs: number;
  /** From a trace: the longest task's CPU time from the press on, and the tasks over 50 ms of CPU. */
  longestCpuMs?: number;
  /** The longest task's CPU time before the press. */
  longestStartupCpuMs?: number;
  overBudgetCpuCount?: number;
}

export interface IngestResult {
  entries: number;
  zipBytes: number;
  seconds: number;
  /** Peak resident memory of the indexing process, and its resident memory before indexing. */
  peakRssBytes: number;
  baselineRssBytes: number;
  /** Set for the full-size CelebA row, whose files differ from the growth series'. */
  layout?: string;
}

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; platform: string; node: string };
  seconds: number;
  throughput: ThroughputRow[];
  unavailable: Unavailable[];
  pipeline: (PipelineResult | Unavailable)[];
  decode: (DecodeResult | Unavailable)[];
  dataWait: (DataWaitResult | Unavailable)[];
  featureCache: (FeatureCacheResult | Unavailable)[];
  memory: (MemoryResult | Unavailable)[];
  longTasks: (LongTaskResult | Unavailable)[];
  ingest: (IngestResult | { entries: number; skipped: string })[];
}

export function isUnavailable(value: object): value is Unavailable {
  return 'reason' in value;
}
