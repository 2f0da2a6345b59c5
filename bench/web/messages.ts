import type {
  DataWaitResult,
  DecodeResult,
  PipelineResult,
  ThroughputRow,
  Unavailable,
} from '../lib/results.ts';

/** What the bench page asks its worker, and what comes back. */
export type BenchTask =
  | {
      task: 'throughput';
      backend: 'wasm' | 'webgl' | 'webgpu';
      budgetSeconds: number;
      /** Software adapters (SwiftShader) are far slower than WASM; they run only when asked. */
      allowSoftware: boolean;
    }
  | { task: 'pipeline'; images: number; size: number; batch: number }
  | { task: 'decode'; images: number; size: number; concurrencies: number[] }
  /** The same through decode workers, for each number of requests one worker holds. */
  | { task: 'decode-workers'; images: number; size: number; perWorker: number[] }
  | { task: 'data-wait'; images: number; size: number; batch: number }
  | {
      task: 'wait-vs-step';
      images: number;
      size: number;
      batch: number;
      stepMs: number;
      holdThread: boolean;
      /** The studio's decode workers, or decoding in the training thread as before them. */
      decoder: 'workers' | 'in-thread';
      /** Decodes in flight in the training thread; the studio's old pool size when absent. */
      concurrency?: number;
    };

export type BenchResult =
  | ThroughputRow[]
  | PipelineResult
  | DecodeResult
  | DataWaitResult
  | Unavailable;

export type BenchReply =
  | { type: 'log'; line: string }
  | { type: 'done'; result: BenchResult }
  | { type: 'failed'; message: string };
