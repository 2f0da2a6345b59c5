import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { create, globals } from 'webgpu';
import { looksSoftware } from '../../src/core/backend/choose.ts';

/** Dawn (the `webgpu` package) as Node's WebGPU, and tfjs's WebGPU backend on its device. */

export interface DawnStarted {
  /** "webgpu (Dawn: <adapter>)", with ", software" for SwiftShader and the like. */
  name: string;
  adapter: string;
  software: boolean;
}

/**
 * Chromium's SwiftShader Vulkan driver, which lets Dawn run with no GPU:
 * beside Debian's Chromium, or beside the browser in CHROME_PATH.
 */
export function swiftShaderIcd(): string | null {
  const dirs = ['/usr/lib/chromium'];
  const chrome = process.env.CHROME_PATH;
  if (chrome && existsSync(chrome)) dirs.push(dirname(realpathSync(chrome)));
  for (const dir of dirs) {
    const icd = join(dir, 'vk_swiftshader_icd.json');
    if (existsSync(icd)) return icd;
  }
  return null;
}

/**
 * Registers tfjs's 'webgpu' backend on Dawn's adapter (or says why there is
 * none) without switching to it. `icd` points the Vulkan loader at one driver
 * (it must be set before Dawn first starts in this process).
 */
export async function registerDawnBackend(icd?: string): Promise<DawnStarted | { reason: string }> {
  if (icd) process.env.VK_DRIVER_FILES = process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
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
  const info = adapter.info;
  const adapterName =
    [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') ||
    'unnamed adapter';
  const software = looksSoftware(info.vendor, info.architecture, info.description);
  return {
    name: `webgpu (Dawn: ${adapterName}${software ? ', software' : ''})`,
    adapter: adapterName,
    software,
  };
}
