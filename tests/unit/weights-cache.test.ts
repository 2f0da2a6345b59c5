import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/model/hash.ts';
import type { NamedWeights } from '../../src/core/model/namedWeights.ts';
import { closeStudioDb } from '../../src/storage/db.ts';
import { getWeights, lastWeights, saveWeights } from '../../src/storage/weightsCache.ts';

afterAll(() => closeStudioDb());

describe('weights cache', () => {
  it('keeps the last weights under their SHA-256 and gives them back intact', async () => {
    const bytes = new TextEncoder().encode('abc').buffer;
    // SHA-256("abc") from FIPS 180-2.
    expect(await sha256Hex([bytes])).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const weights: NamedWeights = new Map([
      ['block1_conv1', [{ name: 'k', shape: [2], values: new Float32Array([0.5, -1.25]) }]],
    ]);
    await saveWeights({ hash: 'h1', source: 'a.h5', savedAt: 1, weights });
    await saveWeights({ hash: 'h2', source: 'b.h5', savedAt: 2, weights });
    expect(await getWeights('h1')).toBeNull();
    const last = await lastWeights();
    expect(last?.hash).toBe('h2');
    expect(last?.source).toBe('b.h5');
    expect(Array.from(last?.weights.get('block1_conv1')?.[0]?.values ?? [])).toEqual([0.5, -1.25]);
  });
});
