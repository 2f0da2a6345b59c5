import { readBatch } from '../../src/core/dataset/batch.ts';
import { decodePool } from '../../src/core/dataset/decodePool.ts';
import { BatchPrefetcher } from '../../src/core/dataset/prefetch.ts';
import type { ImageDecoder, ImageLocation, LoadedDataset } from '../../src/core/dataset/types.ts';
import { seededRandom } from '../../src/core/random.ts';
import { drawFace, FACE_HEIGHT, FACE_WIDTH } from '../../src/core/sample/face.ts';
import { PREFETCH_DEPTH } from '../../src/core/training/trainEpoch.ts';
import { Trainer } from '../../src/core/training/trainer.ts';
import { DEFAULT_AUGMENT } from '../../src/domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../src/domain/model.ts';
import { REFERENCE_TRAINING } from '../../src/domain/training.ts';
import type { DataWaitResult, DecodeResult, Runtime } from './results.ts';

/**
 * 178×218 JPEGs like CelebA's aligned faces: the demo's drawn faces with
 * pixel noise, so they carry a photo's detail (and a photo's decode cost)
 * rather than a drawing's flat areas.
 */
export async function celebaLikeJpegs(
  count: number,
  encode: (rgba: Uint8Array, width: number, height: number) => Promise<Uint8Array>,
): Promise<Uint8Array[]> {
  const random = seededRandom(11);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const rgba = drawFace(i % 2 === 0, random);
    for (let p = 0; p < rgba.length; p += 4) {
      for (let c = 0; c < 3; c++) {
        const v = (rgba[p + c] ?? 0) + Math.round((random() - 0.5) * 48);
        rgba[p + c] = Math.max(0, Math.min(255, v));
      }
    }
    out.push(await encode(rgba, FACE_WIDTH, FACE_HEIGHT));
  }
  return out;
}

/** Images per second through decode + resize to size × size, for each number in flight. */
export async function measureDecode(
  jpegs: Uint8Array[],
  decoder: ImageDecoder,
  decoderName: string,
  runtime: Runtime,
  size: number,
  concurrencies: number[],
  now: () => number,
): Promise<DecodeResult> {
  const rows: DecodeResult['rows'] = [];
  const all = (pool: ImageDecoder) =>
    Promise.all(jpegs.map((bytes, i) => pool.decode(bytes, `${i}.jpg`, size)));
  await all(decoder); // warm-up: first-use costs (canvas, decoder threads) stay out of the numbers
  for (const concurrency of concurrencies) {
    const pool = decodePool(decoder, concurrency);
    const t0 = now();
    await all(pool);
    rows.push({ concurrency, imagesPerSecond: jpegs.length / ((now() - t0) / 1000) });
  }
  return decodeResult(runtime, decoderName, size, jpegs.length, rows);
}

/**
 * The same through decode workers: each image handed over as a file (the
 * worker reads it, decodes, resizes, converts to RGB and transfers the
 * pixels back), for each number of requests a worker holds at once (rows
 * count the requests in flight over all `workerCount` workers).
 */
export async function measureDecodeWorkers(
  jpegs: Uint8Array[],
  workers: (perWorker: number) => ImageDecoder,
  workerCount: number,
  decoderName: string,
  size: number,
  perWorker: number[],
  now: () => number,
): Promise<DecodeResult> {
  const files: ImageLocation[] = jpegs.map((bytes, i) => ({
    kind: 'file',
    file: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
    path: `${i}.jpg`,
    size: bytes.length,
  }));
  const rows: DecodeResult['rows'] = [];
  for (const held of perWorker) {
    const pool = workers(held);
    if (!pool.decodeAt) throw new Error('This decoder reads no files itself.');
    const all = () => Promise.all(files.map((at, i) => pool.decodeAt?.(at, `${i}.jpg`, size)));
    try {
      await all(); // warm-up: the workers start and their decoders warm up
      const t0 = now();
      await all();
      rows.push({
        concurrency: held * workerCount,
        imagesPerSecond: jpegs.length / ((now() - t0) / 1000),
      });
    } finally {
      pool.release?.();
    }
  }
  return decodeResult('browser', decoderName, size, jpegs.length, rows);
}

function decodeResult(
  runtime: Runtime,
  decoder: string,
  size: number,
  images: number,
  rows: DecodeResult['rows'],
): DecodeResult {
  return {
    runtime,
    decoder,
    source: { width: FACE_WIDTH, height: FACE_HEIGHT },
    size,
    images,
    rows,
  };
}

/**
 * One augmented head epoch through the trainer (zip entry → pooled decode →
 * augment → step, with its prefetch), and the share of that loop spent
 * waiting for decoded batches.
 */
export async function measureDataWait(
  dataset: LoadedDataset,
  decoder: ImageDecoder,
  backend: string,
  size: number,
  batch: number,
  now: () => number,
): Promise<DataWaitResult> {
  const trainer = new Trainer(
    'bench',
    'bench',
    {
      model: { ...DEFAULT_MODEL_OPTIONS, inputSize: size },
      augment: DEFAULT_AUGMENT,
      training: { ...REFERENCE_TRAINING, batchSize: batch, epochs: 1, fineTuneEpochs: 0 },
    },
    {
      dataset: { ...dataset, splits: { ...dataset.splits, validation: [], test: [] } },
      decoder,
      baseWeights: null,
      canFineTune: false,
      backendName: backend,
      now,
      featureCacheBudget: 0,
      reportEveryMs: 1000,
    },
    {
      status: () => {},
      progress: () => {},
      batches: () => {},
      epoch: () => {},
      notice: () => {},
      skipped: () => {},
      checkpoint: async () => {},
    },
  );
  try {
    const outcome = await trainer.run();
    if (outcome !== 'finished') throw new Error(`The data-wait run ended ${outcome}`);
    const { waitedMs, spanMs, batches } = trainer.dataWait;
    return waitRow(
      backend,
      { size, batch, batches, images: dataset.splits.train.length },
      waitedMs,
      spanMs,
    );
  } finally {
    trainer.dispose();
  }
}

/**
 * The trainer's read-ahead against a stand-in step of `stepMs`: the
 * reference's GPU step (57 ms for a batch of 8, from its Keras log) either
 * awaited (a GPU step leaves the thread free) or spun (the thread held for
 * the whole step, the worst case for the decode callbacks that need it).
 * One batch is decoded first, so starting the decoder (decode workers load
 * their module) is not counted: an epoch pays it once.
 */
export async function measureWaitAgainstStep(
  dataset: LoadedDataset,
  decoder: ImageDecoder,
  decoderName: string,
  size: number,
  batch: number,
  stepMs: number,
  holdThread: boolean,
  now: () => number,
): Promise<DataWaitResult> {
  const refs = dataset.splits.train;
  const batches = Math.ceil(refs.length / batch);
  const read = (b: number) =>
    readBatch(dataset.source, refs.slice(b * batch, (b + 1) * batch), decoder, size);
  await read(0);
  const prefetch = new BatchPrefetcher(batches, read, PREFETCH_DEPTH, now);
  let firstBatchMs = 0;
  for (let b = 0; b < batches; b++) {
    await prefetch.next();
    if (b === 0) firstBatchMs = prefetch.waited;
    if (holdThread) {
      const until = now() + stepMs;
      while (now() < until) {
        // spin: the thread stays busy, as a CPU-bound step would keep it
      }
    } else await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  const { waitedMs, spanMs } = await prefetch.close();
  return {
    ...waitRow(
      `${stepMs} ms stand-in step, thread ${holdThread ? 'held' : 'free'}, ${decoderName}`,
      { size, batch, batches, images: refs.length },
      waitedMs,
      spanMs,
    ),
    firstBatchSeconds: firstBatchMs / 1000,
  };
}

/** One data-wait row: how long the loop waited for decoded batches, of its whole span. */
function waitRow(
  backend: string,
  run: { size: number; batch: number; batches: number; images: number },
  waitedMs: number,
  spanMs: number,
): DataWaitResult {
  return {
    runtime: 'browser',
    backend,
    size: run.size,
    batch: run.batch,
    batches: run.batches,
    waitedSeconds: waitedMs / 1000,
    spanSeconds: spanMs / 1000,
    share: waitedMs / spanMs,
    stepImagesPerSecond: run.images / (spanMs / 1000),
  };
}
