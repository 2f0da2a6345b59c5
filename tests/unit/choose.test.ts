import { describe, expect, it } from 'vitest';
import { type BackendProbes, chooseBackend, looksSoftware } from '../../src/core/backend/choose.ts';

const none = { available: false, software: false, description: null, problem: null };
const hardware = (description: string) => ({
  available: true,
  software: false,
  description,
  problem: null,
});
const software = (description: string) => ({
  available: true,
  software: true,
  description,
  problem: null,
});

function probes(partial: Partial<BackendProbes>): BackendProbes {
  return { webgpu: none, webgl: none, wasm: { available: true, threads: true }, ...partial };
}

describe('chooseBackend', () => {
  it('prefers a hardware WebGPU adapter', () => {
    const choice = chooseBackend(
      probes({ webgpu: hardware('nvidia ampere'), webgl: hardware('ANGLE') }),
      null,
    );
    expect(choice.name).toBe('webgpu');
    expect(choice.forced).toBe(false);
  });

  it('falls back to hardware WebGL when WebGPU is missing', () => {
    const choice = chooseBackend(probes({ webgl: hardware('ANGLE (NVIDIA)') }), null);
    expect(choice.name).toBe('webgl');
    expect(choice.reason).toContain('no hardware WebGPU adapter');
  });

  it('skips software adapters and says so', () => {
    const choice = chooseBackend(
      probes({ webgpu: software('google swiftshader'), webgl: software('SwiftShader') }),
      null,
    );
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain(
      'no hardware WebGPU adapter (software adapter google swiftshader skipped)',
    );
    expect(choice.reason).toContain('software renderer SwiftShader skipped');
    expect(choice.reason).toContain('threads on');
  });

  it('uses CPU when nothing else exists', () => {
    const choice = chooseBackend(probes({ wasm: { available: false, threads: false } }), null);
    expect(choice.name).toBe('cpu');
  });

  it('honours a forced software WebGPU adapter', () => {
    const choice = chooseBackend(probes({ webgpu: software('google swiftshader') }), 'webgpu');
    expect(choice).toMatchObject({ name: 'webgpu', forced: true });
    expect(choice.reason).toBe('forced by ?backend=webgpu (software adapter: google swiftshader)');
  });

  it('falls back and says why when the forced backend is unavailable', () => {
    const choice = chooseBackend(probes({}), 'webgl');
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('webgl was requested but is unavailable');
  });

  it('skips backends that failed to start', () => {
    const failed = new Map([['webgpu', 'device lost'] as const]);
    const choice = chooseBackend(probes({ webgpu: hardware('amd rdna3') }), null, failed);
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('webgpu failed to start: device lost');
  });
});

describe('looksSoftware', () => {
  it('recognises software rasterisers', () => {
    expect(looksSoftware('Google SwiftShader')).toBe(true);
    expect(looksSoftware('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(looksSoftware('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090)')).toBe(false);
    expect(looksSoftware(null, undefined)).toBe(false);
  });
});
