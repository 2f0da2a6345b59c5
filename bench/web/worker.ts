/// <reference lib="webworker" />
import { canFineTune } from '../../src/core/backend/choose.ts';
import { decodeConcurrency, decodePool } from '../../src/core/dataset/decodePool.ts';
import { DecodeWorkers } from '../../src/core/dataset/decodeWorkers.ts';
import { startBackend } from '../../src/worker/backends.ts';
import { browserDecoder } from '../../src/worker/browserDecoder.ts';
import {
  decodeWorkerCount,
  openDecodeWorker,
  PER_DECODE_WORKER,
  workerDecoder,
} from '../../src/worker/decode.ts';
import { canvasJpegEncode } from '../../src/worker/encode.ts';
import { probeBackends } from '../../src/worker/probe.ts';
import {
  celebaLikeJpegs,
  measureDataWait,
  measureDecode,
  measureDecodeWorkers,
  measureWaitAgainstStep,
} from '../lib/decode.ts';
import { measurePipeline, sampleDataset } from '../lib/epochs.ts';
import { measureThroughput } from '../lib/throughput.ts';
import type { BenchReply, BenchResult, BenchTask } from './messages.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: BenchReply) => scope.postMessage(message);
const now = () => performance.now();
const decodeWorkers = decodeWorkerCount(navigator.hardwareConcurrency);
const workersCount = `${decodeWorkers} decode worker${decodeWorkers === 1 ? '' : 's'}`;
const workersName = (perWorker: number) => `${workersCount} × ${perWorker} in flight`;

/** The studio's own backend start, refusing software adapters unless asked. */
async function start(
  backend: 'wasm' | 'webgl' | 'webgpu',
  allowSoftware: boolean,
): Promise<{ name: string } | { reason: string }> {
  if (backend !== 'wasm') {
    const probe = (await probeBackends())[backend];
    if (!probe.available) return { reason: `no ${backend}: ${probe.problem ?? 'unavailable'}` };
    if (probe.software && !allowSoftware) {
      return {
        reason: `only a software adapter (${probe.description}), far slower than WASM; npm run bench -- --software measures it`,
      };
    }
  }
  const info = await startBackend(backend);
  if (info.name !== backend) return { reason: `${backend} did not start: ${info.reason}` };
  const detail = info.detail ? `: ${info.detail}` : info.threads ? ' (threads)' : '';
  return { name: `${info.name}${detail}` };
}

async function run(task: BenchTask): Promise<BenchResult> {
  if (task.task === 'decode') {
    const jpegs = await celebaLikeJpegs(task.images, canvasJpegEncode);
    const bytes = jpegs.reduce((n, j) => n + j.length, 0);
    reply({
      type: 'log',
      line: `${jpegs.length} JPEGs, ${(bytes / jpegs.length / 1024).toFixed(1)} KB each on average`,
    });
    return measureDecode(
      jpegs,
      browserDecoder,
      'createImageBitmap (resize) + OffscreenCanvas',
      'browser',
      task.size,
      task.concurrencies,
      now,
    );
  }
  if (task.task === 'decode-workers') {
    const jpegs = await celebaLikeJpegs(task.images, canvasJpegEncode);
    return measureDecodeWorkers(
      jpegs,
      (perWorker) =>
        new DecodeWorkers({
          open: openDecodeWorker,
          workers: decodeWorkers,
          perWorker,
          fallback: browserDecoder,
        }),
      decodeWorkers,
      `${workersCount} (file read, createImageBitmap (resize), OffscreenCanvas readback and RGB in the worker)`,
      task.size,
      task.perWorker,
      now,
    );
  }
  if (task.task === 'throughput') {
    const started = await start(task.backend, task.allowSoftware);
    if ('reason' in started) {
      return { runtime: 'browser', backend: task.backend, reason: started.reason };
    }
    return measureThroughput({
      runtime: 'browser',
      backend: started.name,
      canFineTune: canFineTune(task.backend),
      budgetSeconds: task.budgetSeconds,
      now,
      log: (line) => reply({ type: 'log', line }),
    });
  }
  if (task.task === 'wait-vs-step') {
    const dataset = await sampleDataset(Math.ceil(task.images / 0.8), {
      runtime: 'browser',
      backend: 'none',
      decoder: workerDecoder,
      encode: canvasJpegEncode,
      now,
    });
    const train = dataset.splits.train.slice(0, task.images);
    const inFlight = task.concurrency ?? decodeConcurrency(navigator.hardwareConcurrency);
    const workers = task.decoder === 'workers';
    return measureWaitAgainstStep(
      { ...dataset, splits: { ...dataset.splits, train } },
      workers ? workerDecoder : decodePool(browserDecoder, inFlight),
      workers
        ? workersName(PER_DECODE_WORKER)
        : `decoded in the training thread, ${inFlight} in flight`,
      task.size,
      task.batch,
      task.stepMs,
      task.holdThread,
      now,
    );
  }
  const started = await start('wasm', false);
  const backend = 'name' in started ? started.name : 'wasm';
  if (task.task === 'data-wait') {
    const dataset = await sampleDataset(Math.ceil(task.images / 0.8), {
      runtime: 'browser',
      backend,
      decoder: workerDecoder,
      encode: canvasJpegEncode,
      now,
    });
    const train = dataset.splits.train.slice(0, task.images);
    return measureDataWait(
      { ...dataset, splits: { ...dataset.splits, train } },
      workerDecoder,
      backend,
      task.size,
      task.batch,
      now,
    );
  }
  const env = {
    runtime: 'browser' as const,
    backend,
    decoder: browserDecoder,
    encode: canvasJpegEncode,
    now,
  };
  // The partition puts 80% of the images in train, in file order.
  const dataset = await sampleDataset(Math.ceil(task.images / 0.8), env);
  const train = dataset.splits.train.slice(0, task.images);
  return measurePipeline(
    { ...dataset, splits: { ...dataset.splits, train } },
    env,
    task.size,
    task.batch,
  );
}

scope.addEventListener('message', (event: MessageEvent<BenchTask>) => {
  run(event.data)
    .then((result) => reply({ type: 'done', result }))
    .catch((error: unknown) =>
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
});
