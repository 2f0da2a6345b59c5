import { type BackendProbes, type GpuProbe, looksSoftware } from '../core/backend/choose.ts';

async function probeWebGpu(): Promise<GpuProbe> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu)
    return {
      available: false,
      software: false,
      description: null,
      problem: 'navigator.gpu missing',
    };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter)
      return { available: false, software: false, description: null, problem: 'no adapter' };
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean })
      .isFallbackAdapter;
    const description =
      [info.vendor, info.architecture, info.description]
        .filter((s) => s && s.length > 0)
        .join(' ') || null;
    const software =
      info.isFallbackAdapter === true ||
      legacyFallback === true ||
      looksSoftware(info.vendor, info.architecture, info.description, info.device);
    return { available: true, software, description, problem: null };
  } catch (error) {
    return { available: false, software: false, description: null, problem: String(error) };
  }
}

function probeWebGl(): GpuProbe {
  try {
    if (typeof OffscreenCanvas === 'undefined') {
      return {
        available: false,
        software: false,
        description: null,
        problem: 'no OffscreenCanvas',
      };
    }
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { available: false, software: false, description: null, problem: 'no context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext
      ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL))
      : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return {
      available: true,
      software: looksSoftware(renderer),
      description: renderer,
      problem: null,
    };
  } catch (error) {
    return { available: false, software: false, description: null, problem: String(error) };
  }
}

export async function probeBackends(): Promise<BackendProbes> {
  const webgpu = await probeWebGpu();
  const webgl = probeWebGl();
  const wasm = {
    available: typeof WebAssembly === 'object',
    threads: self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
  };
  return { webgpu, webgl, wasm };
}
