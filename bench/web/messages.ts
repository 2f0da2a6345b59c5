import type { PipelineResult, ThroughputRow, Unavailable } from '../lib/results.ts';

/** What the bench page asks its worker, and what comes back. */
export type BenchTask =
  | {
      task: 'throughput';
      backend: 'wasm' | 'webgl' | 'webgpu';
      budgetSeconds: number;
      /** Software adapters (SwiftShader) are far slower than WASM; they run only when asked. */
      allowSoftware: boolean;
    }
  | { task: 'pipeline'; images: number; size: number; batch: number };

export type BenchReply =
  | { type: 'log'; line: string }
  | { type: 'done'; result: ThroughputRow[] | PipelineResult | Unavailable }
  | { type: 'failed'; message: string };
