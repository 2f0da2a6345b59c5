import { BACKEND_NAMES, type BackendName } from '../../domain/backend.ts';

/** What the worker found out about one GPU API before choosing. */
export interface GpuProbe {
  available: boolean;
  /** A software rasteriser (SwiftShader, llvmpipe): correct but far slower than WASM. */
  software: boolean;
  description: string | null;
  /** Why it is unavailable, when it is. */
  problem: string | null;
}

export interface BackendProbes {
  webgpu: GpuProbe;
  webgl: GpuProbe;
  wasm: { available: boolean; threads: boolean };
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
  forced: boolean;
}

const SOFTWARE_PATTERN = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

/** True when an adapter or renderer string names a software implementation. */
export function looksSoftware(...descriptions: (string | null | undefined)[]): boolean {
  return descriptions.some((d) => typeof d === 'string' && SOFTWARE_PATTERN.test(d));
}

function describeGpu(api: 'WebGPU' | 'WebGL', probe: GpuProbe): string {
  if (!probe.available) return `no ${api}${probe.problem ? ` (${probe.problem})` : ''}`;
  if (probe.software)
    return `${api} adapter is software${probe.description ? ` (${probe.description})` : ''}, skipped`;
  return `hardware ${api}${probe.description ? ` (${probe.description})` : ''}`;
}

function usable(name: BackendName, probes: BackendProbes, allowSoftware: boolean): boolean {
  switch (name) {
    case 'webgpu':
    case 'webgl':
      return probes[name].available && (allowSoftware || !probes[name].software);
    case 'wasm':
      return probes.wasm.available;
    case 'cpu':
      return true;
  }
}

/**
 * Hardware WebGPU, then hardware WebGL, then WASM, then CPU. A software GPU
 * adapter is only used when forced: on the same CPU it is many times slower
 * than WASM. `order` lists fallbacks to skip (backends that failed to start).
 */
export function chooseBackend(
  probes: BackendProbes,
  forced: BackendName | null,
  failed: ReadonlyMap<BackendName, string> = new Map(),
): BackendChoice {
  const notes: string[] = [];
  if (forced) {
    if (failed.has(forced)) {
      notes.push(`${forced} was requested but failed to start: ${failed.get(forced)}`);
    } else if (usable(forced, probes, true)) {
      const detail = forcedDetail(forced, probes);
      return {
        name: forced,
        forced: true,
        reason: `forced by ?backend=${forced} (${detail})`,
      };
    } else {
      notes.push(`${forced} was requested but is unavailable`);
    }
  }
  for (const name of BACKEND_NAMES) {
    if (failed.has(name)) {
      notes.push(`${name} failed to start: ${failed.get(name)}`);
      continue;
    }
    if (!usable(name, probes, false)) continue;
    switch (name) {
      case 'webgpu':
        notes.push(describeGpu('WebGPU', probes.webgpu));
        break;
      case 'webgl':
        notes.unshift(noHardwareWebGpu(probes));
        notes.push(describeGpu('WebGL', probes.webgl));
        break;
      case 'wasm':
        notes.unshift(noHardwareWebGpu(probes), noHardwareWebGl(probes));
        notes.push(
          probes.wasm.threads ? 'threads on' : 'single thread (page not cross-origin isolated)',
        );
        break;
      case 'cpu':
        notes.unshift(noHardwareWebGpu(probes), noHardwareWebGl(probes), 'no WebAssembly');
        break;
    }
    return { name, forced: false, reason: notes.join('; ') };
  }
  return { name: 'cpu', forced: false, reason: notes.join('; ') || 'nothing else available' };
}

function forcedDetail(forced: BackendName, probes: BackendProbes): string {
  switch (forced) {
    case 'webgpu':
    case 'webgl': {
      const probe = probes[forced];
      const kind = probe.software ? 'software adapter' : 'hardware adapter';
      return probe.description ? `${kind}: ${probe.description}` : kind;
    }
    case 'wasm':
      return probes.wasm.threads ? 'threads on' : 'single thread';
    case 'cpu':
      return 'plain JavaScript';
  }
}

function noHardwareWebGpu(probes: BackendProbes): string {
  if (!probes.webgpu.available) return 'no hardware WebGPU adapter';
  return `no hardware WebGPU adapter (software adapter${probes.webgpu.description ? ` ${probes.webgpu.description}` : ''} skipped)`;
}

function noHardwareWebGl(probes: BackendProbes): string {
  if (!probes.webgl.available) return 'no WebGL';
  return `no hardware WebGL (software renderer${probes.webgl.description ? ` ${probes.webgl.description}` : ''} skipped)`;
}

/** Backends that lack gradients for convolutions cannot fine-tune the VGG16 base. */
export function canFineTune(name: BackendName): boolean {
  return name !== 'wasm';
}
