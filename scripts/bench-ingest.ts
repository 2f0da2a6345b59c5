import { spawnSync } from 'node:child_process';
import { existsSync, openAsBlob } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import type { DatasetFile } from '../src/core/dataset/files.ts';
import { loadDataset } from '../src/core/dataset/load.ts';
import { seededRandom } from '../src/core/random.ts';
import { CELEBA_ATTRIBUTES } from '../src/core/sample/attributes.ts';
import { drawFace, FACE_HEIGHT, FACE_WIDTH } from '../src/core/sample/face.ts';
import {
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_FOLDER,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
  sampleImageName,
} from '../src/core/sample/generate.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../src/domain/dataset.ts';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/**
 * A CelebA-sized zip is about indexing, not pixels: a few distinct faces are
 * repeated, so making 30,000 entries takes seconds, not the minutes jpeg-js
 * would need to encode each one.
 */
async function make(dir: string, count: number): Promise<void> {
  const random = seededRandom(1);
  const faces = Array.from({ length: 16 }, (_, i) => {
    const rgba = drawFace(i % 2 === 1, random);
    return new Uint8Array(
      jpeg.encode({ data: rgba, width: FACE_WIDTH, height: FACE_HEIGHT }, 75).data,
    );
  });
  const zip = new JSZip();
  const rows = [`image_id,${CELEBA_ATTRIBUTES.join(',')}`];
  const partition = ['image_id,partition'];
  for (let i = 0; i < count; i++) {
    const name = sampleImageName(i);
    zip.file(`${SAMPLE_FOLDER}${name}`, faces[i % faces.length] as Uint8Array);
    const male = i % 2 === 1;
    rows.push(
      `${name},${CELEBA_ATTRIBUTES.map((a) => (a === 'Male' ? (male ? 1 : -1) : -1)).join(',')}`,
    );
    partition.push(`${name},${i < count * 0.8 ? 0 : i < count * 0.9 ? 1 : 2}`);
  }
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, SAMPLE_ZIP_NAME),
    await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }),
  );
  await writeFile(join(dir, SAMPLE_ATTRIBUTES_NAME), `${rows.join('\n')}\n`);
  await writeFile(join(dir, SAMPLE_PARTITION_NAME), `${partition.join('\n')}\n`);
}

/** A file on disk as the loader sees a dropped File: streamed, never read whole up front. */
async function diskFile(path: string): Promise<DatasetFile> {
  return Object.assign(await openAsBlob(path), { name: basename(path) });
}

async function index(dir: string): Promise<void> {
  const before = process.memoryUsage();
  const files = await Promise.all(
    [SAMPLE_ZIP_NAME, SAMPLE_ATTRIBUTES_NAME].map((n) => diskFile(join(dir, n))),
  );
  const started = performance.now();
  let progressEvents = 0;
  const { dataset } = await loadDataset(files, DEFAULT_SPLIT_OPTIONS, () => {
    progressEvents++;
  });
  const seconds = (performance.now() - started) / 1000;
  const after = process.memoryUsage();
  const zipBytes = dataset.summary.zipFile.bytes;
  console.log(
    [
      `indexed ${dataset.summary.zipFile.images} images (${mb(zipBytes)} zip) and ${dataset.summary.labelFile.rows} rows in ${seconds.toFixed(2)} s, ${progressEvents} progress events`,
      `splits ${dataset.summary.splits.map((s) => s.count).join('/')}`,
      `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (RSS before loading ${mb(before.rss)})`,
      `after: heap used ${mb(after.heapUsed)}, array buffers ${mb(after.arrayBuffers)} (the zip is ${mb(zipBytes)})`,
    ].join('\n'),
  );
}

/** npm run bench:ingest [-- --count 30000 --dir /tmp/celeba-30k] */
export async function main(args: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const count = Number(arg('count', '30000'));
  const dir = arg('dir', join('/tmp', `celeba-${count}`));
  if (args.includes('--index-only')) return index(dir);
  if (!existsSync(join(dir, SAMPLE_ZIP_NAME))) {
    const started = performance.now();
    await make(dir, count);
    console.log(
      `made ${count} entries in ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  // A fresh process, so peak memory is the indexing's alone.
  const child = spawnSync(
    process.execPath,
    ['scripts/run-ts.mjs', 'scripts/bench-ingest.ts', '--index-only', '--dir', dir],
    { stdio: 'inherit' },
  );
  process.exitCode = child.status ?? 1;
}
