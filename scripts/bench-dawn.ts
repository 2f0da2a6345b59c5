import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { create, globals } from 'webgpu';
import type { ThroughputRow, Unavailable } from '../bench/lib/results.ts';
import { measureThroughput } from '../bench/lib/throughput.ts';
import { looksSoftware } from '../src/core/backend/choose.ts';

/**
 * The engine on tfjs's WebGPU backend in Node, with Dawn (the `webgpu`
 * package) as the WebGPU implementation: a GPU machine benches the WebGPU
 * path without a browser. `bench-dawn.ts --out file.json [--budget seconds]`.
 */

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

/** Dawn as navigator.gpu, and tfjs's WebGPU backend on the device it gives. */
async function startDawn(): Promise<{ name: string } | { reason: string }> {
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    return {
      reason:
        'no WebGPU adapter: Dawn found no GPU (on Linux it needs libvulkan.so.1 and a Vulkan driver)',
    };
  }
  // tfjs's backend checks navigator.gpu when it is built; Node has no navigator of its own.
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu, userAgent: `Node.js ${process.version}`, language: 'en' },
    configurable: true,
  });
  const limits = adapter.limits;
  // The features and limits tfjs asks for when it creates its own device in a browser.
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info));
  if (!(await tf.setBackend('webgpu')))
    return { reason: 'tfjs could not start its WebGPU backend' };
  await tf.ready();
  const info = adapter.info;
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  const software = looksSoftware(info.vendor, info.architecture, info.description);
  return { name: `webgpu (Dawn: ${name || 'unnamed adapter'}${software ? ', software' : ''})` };
}

export async function main(args: string[]): Promise<void> {
  const out = option(args, 'out', '');
  const started = await startDawn();
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
