import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { registerFastKernels } from '../../src/core/backend/kernels/register.ts';
import type { KernelChoice } from '../../src/domain/backend.ts';
import { registerDawnBackend } from '../lib/dawn.ts';
import { type LayerRow, layerTable, measureLayers } from '../lib/layers.ts';
import type { ThroughputRow } from '../lib/results.ts';
import { formatThroughput } from '../lib/table.ts';
import { measureThroughput } from '../lib/throughput.ts';

/**
 * The WebGPU bench of the GPU bundle (`npm run bench:gpu-bundle`), one file
 * for a GPU machine with no Node install and no network: the adapter, the
 * per-layer table and the VGG16 steps, each with the composed kernels and
 * with tfjs's own. `node bench.mjs OUTDIR [--minutes 8]`.
 */

const say = (line: string) => console.log(line);

async function main(args: string[]): Promise<void> {
  const outDir = args[0] ?? 'results';
  const i = args.indexOf('--minutes');
  const minutes = i >= 0 ? Number(args[i + 1]) : 8;
  await mkdir(outDir, { recursive: true });
  const dawn = await registerDawnBackend();
  if ('reason' in dawn) {
    say(`No WebGPU: ${dawn.reason}`);
    await writeFile(join(outDir, 'webgpu.json'), JSON.stringify(dawn, null, 1));
    process.exit(2);
  }
  say(`Adapter: ${dawn.adapter}${dawn.software ? ' (software)' : ''}`);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
  await tf.ready();
  // A software adapter (SwiftShader) only shows that the bundle runs: smallest sizes.
  const size = dawn.software ? 32 : 224;
  const batch = dawn.software ? 1 : 8;
  const layers: LayerRow[] = [];
  const throughput: ThroughputRow[] = [];
  for (const choice of ['fast', 'tfjs'] as KernelChoice[]) {
    const replaced = registerFastKernels('webgpu', choice);
    const label = replaced.length ? 'composed' : 'tfjs';
    say(`Per-layer, ${size} px batch ${batch}, ${label} kernels`);
    layers.push(...(await measureLayers(size, batch, label, (l) => say(`  ${l}`))));
  }
  for (const choice of ['fast', 'tfjs'] as KernelChoice[]) {
    const replaced = registerFastKernels('webgpu', choice);
    const label = replaced.length ? 'composed kernels' : "tfjs's kernels";
    say(`VGG16 steps, ${label}`);
    throughput.push(
      ...(await measureThroughput({
        runtime: 'node',
        backend: `${dawn.name}, ${label}`,
        canFineTune: true,
        budgetSeconds: (minutes * 60) / 2,
        now: () => performance.now(),
        log: (line) => say(`  ${line}`),
      })),
    );
  }
  const report = [
    `Adapter: ${dawn.adapter}`,
    '',
    ...layerTable(layers),
    '',
    ...formatThroughput(throughput),
  ].join('\n');
  await writeFile(
    join(outDir, 'webgpu.json'),
    JSON.stringify({ adapter: dawn.adapter, layers, throughput }, null, 1),
  );
  await writeFile(join(outDir, 'webgpu.txt'), `${report}\n`);
  say('');
  say(report);
  // Dawn keeps its device thread alive; the results are written, so leave now.
  process.exit(0);
}

await main(process.argv.slice(2));
