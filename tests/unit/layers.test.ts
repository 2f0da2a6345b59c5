import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The layer rules live in biome.json as `noRestrictedImports` overrides. Each
 * case writes a scratch module into a layer, lints it, and removes it again.
 */
const root = join(import.meta.dirname, '..', '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
const written: string[] = [];

function lint(folder: string, source: string): { ok: boolean; output: string } {
  const path = join('src', folder, `__layers_${process.pid}_${written.length}.ts`);
  written.push(join(root, path));
  writeFileSync(join(root, path), source);
  const run = spawnSync(biome, ['lint', '--colors=off', path], { cwd: root, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

afterEach(() => {
  for (const path of written.splice(0)) rmSync(path, { force: true });
});

describe('layer rules', () => {
  it.each([
    ['core', "import { post } from '../worker/port.ts';\nexport const x = post;\n"],
    ['core', "import { Step } from '../ui/Step.tsx';\nexport const x = Step;\n"],
    ['features', "import * as tf from '@tensorflow/tfjs';\nexport const x = tf;\n"],
    [
      'features',
      "import { session } from '../../src/worker/session.ts';\nexport const x = session;\n",
    ],
    [
      'protocol',
      "import { trainBatch } from '../core/training/step.ts';\nexport const x = trainBatch;\n",
    ],
    ['domain', "import type { Command } from '../protocol/index.ts';\nexport type X = Command;\n"],
    ['ui', "import { openStudioDb } from '../storage/db.ts';\nexport const x = openStudioDb;\n"],
  ])('a module in src/%s that imports across the layers fails lint', (folder, source) => {
    const { ok, output } = lint(folder, source);
    expect(ok).toBe(false);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain('Layers:');
  });

  it('an import the layers allow passes', () => {
    const { ok, output } = lint(
      'core',
      "import { assertNever } from '../domain/never.ts';\nexport const x = assertNever;\n",
    );
    expect(output).not.toContain('noRestrictedImports');
    expect(ok).toBe(true);
  });
});
