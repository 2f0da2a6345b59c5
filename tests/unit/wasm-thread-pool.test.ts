import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { wasmThreadPoolPerCore } from '../../vite.config.ts';

const threaded = createRequire(import.meta.url).resolve(
  '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js',
);

function transform(plugin: Plugin, code: string, id: string): unknown {
  const hook = plugin.transform as (code: string, id: string) => unknown;
  return hook.call({}, code, id);
}

describe('wasmThreadPoolPerCore', () => {
  it("sizes the installed tfjs's pthread pool by the machine's cores", () => {
    const code = readFileSync(threaded, 'utf8');
    const out = transform(wasmThreadPoolPerCore(), code, threaded) as string;
    expect(out).not.toContain('var pthreadPoolSize=8;');
    const line = /var pthreadPoolSize=([^;]+);/.exec(out)?.[1] ?? '';
    const size = (cores: number | undefined) =>
      new Function('navigator', `return ${line};`)(
        cores === undefined ? {} : { hardwareConcurrency: cores },
      );
    expect([size(2), size(4), size(16), size(undefined)]).toEqual([2, 4, 8, 1]);
  });

  it('fails the build when tfjs no longer has the line, and leaves other modules alone', () => {
    const plugin = wasmThreadPoolPerCore();
    expect(() => transform(plugin, 'var pthreadPoolSize=4;', threaded)).toThrow(/was not found/);
    expect(transform(plugin, 'var pthreadPoolSize=8;', '/src/other.js')).toBeNull();
  });
});
