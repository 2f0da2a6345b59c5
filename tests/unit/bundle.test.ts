import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ChunkReport {
  [file: string]: {
    isEntry: boolean;
    imports: string[];
    dynamicImports: string[];
    modules: string[];
  };
}

const outDir = mkdtempSync(join(tmpdir(), 'studio-bundle-'));
let main: ChunkReport;
let worker: ChunkReport;
let decodeWorker: ChunkReport;

beforeAll(async () => {
  await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  main = JSON.parse(readFileSync(join(outDir, 'chunk-modules.json'), 'utf8'));
  worker = JSON.parse(readFileSync(join(outDir, 'worker-chunk-modules.json'), 'utf8'));
  decodeWorker = JSON.parse(readFileSync(join(outDir, 'decodeWorker-chunk-modules.json'), 'utf8'));
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Every module the page loads: the entry chunk and what it imports, at once or later. */
function pageModules(report: ChunkReport): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(report).filter((f) => report[f]?.isEntry);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(report[file]?.imports ?? []), ...(report[file]?.dynamicImports ?? []));
  }
  return [...seen].flatMap((f) => report[f]?.modules ?? []);
}

describe('main-thread bundle', () => {
  it('holds the app but no tfjs', () => {
    const modules = pageModules(main);
    expect(modules.some((m) => m.includes('/src/app/main.tsx'))).toBe(true);
    expect(modules.some((m) => m.includes('/src/app/App.tsx'))).toBe(true);
    expect(modules.filter((m) => m.includes('@tensorflow'))).toEqual([]);
  });

  it('leaves tfjs to the worker bundle', () => {
    const modules = Object.values(worker).flatMap((c) => c.modules);
    expect(modules.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
  });

  it('starts decode workers that carry no tfjs', () => {
    const modules = Object.values(decodeWorker).flatMap((c) => c.modules);
    expect(modules.some((m) => m.includes('/src/core/dataset/decodeService.ts'))).toBe(true);
    expect(modules.filter((m) => m.includes('@tensorflow'))).toEqual([]);
  });
});
