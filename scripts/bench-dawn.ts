import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { registerDawnBackend } from '../bench/lib/dawn.ts';
import type { ThroughputRow, Unavailable } from '../bench/lib/results.ts';
import { measureThroughput } from '../bench/lib/throughput.ts';
import { registerFastKernels } from '../src/core/backend/kernels/register.ts';
import { type KernelChoice, parseKernelChoice } from '../src/domain/backend.ts';

/**
 * The engine on tfjs's WebGPU backend in Node, with Dawn (the `webgpu`
 * package) as the WebGPU implementation: a GPU machine benches the WebGPU
 * path without a browser.
 * `bench-dawn.ts --out file.json [--budget seconds] [--kernels fast|all|tfjs]`.
 */

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

/** tfjs's WebGPU backend on Dawn, with the chosen convolution kernels. */
async function startDawn(kernels: KernelChoice): Promise<{ name: string } | { reason: string }> {
  const dawn = await registerDawnBackend();
  if ('reason' in dawn) return dawn;
  if (!(await tf.setBackend('webgpu')))
    return { reason: 'tfjs could not start its WebGPU backend' };
  await tf.ready();
  const replaced = registerFastKernels('webgpu', kernels);
  console.log(`  adapter: ${dawn.adapter}; kernels: ${replaced.join(', ') || "tfjs's own"}`);
  return { name: `${dawn.name}${replaced.length ? '' : ", tfjs's kernels"}` };
}

export async function main(args: string[]): Promise<void> {
  const out = option(args, 'out', '');
  const started = await startDawn(parseKernelChoice(option(args, 'kernels', 'fast')));
  const result: ThroughputRow[] | Unavailable =
    'reason' in started
      ? { runtime: 'node', backend: 'webgpu (Dawn)', reason: started.reason }
      : await measureThroughput({
          runtime: 'node',
          backend: started.name,
          canFineTune: true,
          budgetSeconds: Number(option(args, 'budget', '120')),
          now: () => performance.now(),
          log: (line) => console.log(`  ${line}`),
        });
  if (out) await writeFile(out, JSON.stringify(result, null, 1));
  // Dawn keeps its device thread alive; the result is written, so leave now.
  process.exit(0);
}
