import { existsSync, openAsBlob } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import {
  measureFeatureCache,
  measureMemory,
  measurePipeline,
  sampleDataset,
} from '../bench/lib/epochs.ts';
import type { IngestResult, ThroughputRow, Unavailable } from '../bench/lib/results.ts';
import { measureThroughput } from '../bench/lib/throughput.ts';
import { canFineTune } from '../src/core/backend/choose.ts';
import type { DatasetFile } from '../src/core/dataset/files.ts';
import { jpegDecoder } from '../src/core/dataset/jpegDecoder.ts';
import { loadDataset } from '../src/core/dataset/load.ts';
import { seededRandom } from '../src/core/random.ts';
import { CELEBA_ATTRIBUTES } from '../src/core/sample/attributes.ts';
import { drawFace, FACE_HEIGHT, FACE_WIDTH } from '../src/core/sample/face.ts';
import {
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_FOLDER,
  SAMPLE_ZIP_NAME,
  sampleImageName,
} from '../src/core/sample/generate.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../src/domain/dataset.ts';
import { officialLayout } from '../tests/support/celebaArchives.ts';

/**
 * The bench's Node half, one section per process (a backend, a memory peak
 * and a crashed GPU driver each stay in their own): `bench-node.ts <section>
 * --out file.json [--budget seconds] [--count n --dir d]`.
 */

const now = () => performance.now();
const log = (line: string) => console.log(`  ${line}`);

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

async function startBackend(name: string): Promise<{ name: string } | { reason: string }> {
  if (!(await tf.setBackend(name))) return { reason: `tfjs could not start ${name}` };
  await tf.ready();
  return { name };
}

async function throughput(args: string[]): Promise<ThroughputRow[] | Unavailable> {
  const wanted = option(args, 'backend', 'wasm');
  const started = await startBackend(wanted);
  if ('reason' in started) return { runtime: 'node', backend: wanted, reason: started.reason };
  return measureThroughput({
    runtime: 'node',
    backend: started.name,
    canFineTune: canFineTune(wanted === 'cpu' ? 'cpu' : 'wasm'),
    budgetSeconds: Number(option(args, 'budget', '120')),
    // The plain-JS CPU backend takes tens of seconds per VGG16 step: no warm-up to spare.
    warmFirst: wanted !== 'cpu',
    now,
    log,
  });
}

/** Feature cache, tensor counts and the pipeline ratio on WASM, with jpeg-js decoding. */
async function epochs(args: string[]) {
  const which = option(args, 'which', 'cache,memory,pipeline').split(',');
  await tf.setBackend('wasm');
  await tf.ready();
  const env = { runtime: 'node' as const, backend: 'wasm', decoder: jpegDecoder, now };
  // 80 images: the partition gives 64 train, 8 validation, 8 test.
  const dataset = await sampleDataset(80, env);
  const out: Record<string, unknown> = {};
  if (which.includes('memory')) {
    out.memory = await measureMemory(dataset, env, 32, 8);
    log(`memory: ${JSON.stringify(out.memory)}`);
  }
  if (which.includes('cache')) {
    const small = {
      ...dataset,
      splits: { ...dataset.splits, train: dataset.splits.train.slice(0, 32) },
    };
    out.featureCache = await measureFeatureCache(small, env, 64, 16);
    log(`feature cache: ${JSON.stringify(out.featureCache)}`);
  }
  if (which.includes('pipeline')) {
    const small = {
      ...dataset,
      splits: { ...dataset.splits, train: dataset.splits.train.slice(0, 32) },
    };
    out.pipeline = await measurePipeline(small, env, 64, 16);
    log(`pipeline: ${JSON.stringify(out.pipeline)}`);
  }
  return out;
}

/**
 * A CelebA-layout zip of `count` entries. Indexing cares about entries, not
 * pixels, so 16 drawn faces repeat: 30,000 entries take seconds to write.
 */
async function ingestMake(args: string[]) {
  const count = Number(option(args, 'count', '1000'));
  const dir = option(args, 'dir', '');
  if (existsSync(join(dir, SAMPLE_ZIP_NAME))) return { made: false };
  const random = seededRandom(1);
  const faces = Array.from(
    { length: 16 },
    (_, i) =>
      new Uint8Array(
        jpeg.encode(
          { data: drawFace(i % 2 === 1, random), width: FACE_WIDTH, height: FACE_HEIGHT },
          75,
        ).data,
      ),
  );
  const zip = new JSZip();
  const rows = [`image_id,${CELEBA_ATTRIBUTES.join(',')}`];
  for (let i = 0; i < count; i++) {
    const name = sampleImageName(i);
    zip.file(`${SAMPLE_FOLDER}${name}`, faces[i % faces.length] as Uint8Array);
    const male = i % 2 === 1;
    rows.push(`${name},${CELEBA_ATTRIBUTES.map((a) => (a === 'Male' && male ? 1 : -1)).join(',')}`);
  }
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, SAMPLE_ZIP_NAME),
    await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }),
  );
  await writeFile(join(dir, SAMPLE_ATTRIBUTES_NAME), `${rows.join('\n')}\n`);
  return { made: true };
}

async function diskFile(path: string): Promise<DatasetFile> {
  return Object.assign(await openAsBlob(path), { name: basename(path) });
}

/** Indexes `paths` as the worker would, timed; run in a fresh process so its peak is the index's. */
async function measureIngest(paths: string[], layout?: string): Promise<IngestResult> {
  const baselineRssBytes = process.memoryUsage().rss;
  const files = await Promise.all(paths.map(diskFile));
  const t0 = now();
  const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, () => {});
  const seconds = (now() - t0) / 1000;
  return {
    entries: dataset.summary.zipFile.images,
    zipBytes: dataset.summary.zipFile.bytes,
    seconds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes,
    ...(layout ? { layout } : {}),
  };
}

/** The generated zip and CSV of `--dir`. */
function ingestIndex(args: string[]): Promise<IngestResult> {
  const dir = option(args, 'dir', '');
  return measureIngest([SAMPLE_ZIP_NAME, SAMPLE_ATTRIBUTES_NAME].map((n) => join(dir, n)));
}

/**
 * CelebA's own files at full size (generated once per machine, as the
 * large-archives e2e uses them): a Zip64 archive of 202,599 entries and the
 * official attribute and partition lists.
 */
function ingestCeleba(): Promise<IngestResult> {
  const files = officialLayout();
  return measureIngest(
    [files.zip, files.attributes, files.partition ?? ''],
    'CelebA layout: Zip64, .txt lists with the partition',
  );
}

export async function main(args: string[]): Promise<void> {
  const [section = ''] = args;
  const out = option(args, 'out', '');
  const sections: Record<string, (a: string[]) => Promise<unknown>> = {
    throughput,
    epochs,
    'ingest-make': ingestMake,
    'ingest-index': ingestIndex,
    'ingest-celeba': ingestCeleba,
  };
  const run = sections[section];
  if (!run)
    throw new Error(`Unknown bench section "${section}": ${Object.keys(sections).join(', ')}`);
  const result = await run(args);
  if (out) await writeFile(out, JSON.stringify(result, null, 1));
  // Dawn and the WASM runtime keep handles open; the result is written, so leave now.
  process.exit(0);
}
