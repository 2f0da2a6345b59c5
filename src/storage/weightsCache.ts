import type { WeightsCache } from '../core/model/baseWeights.ts';
import type { NamedWeights, WeightArray } from '../core/model/namedWeights.ts';
import { getMeta, guarded, setMeta } from './db.ts';

/*
 * Parsed base weights kept in IndexedDB under the SHA-256 of the file they
 * came from, so a reload restores them without the file or the network.
 * Only the latest weights are kept: each copy is about 59 MB.
 */

export interface CachedWeights {
  hash: string;
  /** File name or URL, for display. */
  source: string;
  savedAt: number;
  weights: NamedWeights;
}

const LAST_KEY = 'last-weights';

function isWeightArray(value: unknown): value is WeightArray {
  if (typeof value !== 'object' || value === null) return false;
  const { name, shape, values } = value as Partial<Record<keyof WeightArray, unknown>>;
  return (
    typeof name === 'string' &&
    Array.isArray(shape) &&
    shape.every((d) => typeof d === 'number') &&
    values instanceof Float32Array
  );
}

/** Checks a record read back from storage, which may come from an older studio. */
function asCached(value: unknown): CachedWeights | null {
  if (typeof value !== 'object' || value === null) return null;
  const { hash, source, savedAt, weights } = value as Partial<Record<keyof CachedWeights, unknown>>;
  if (typeof hash !== 'string' || typeof source !== 'string' || typeof savedAt !== 'number') {
    return null;
  }
  if (!(weights instanceof Map)) return null;
  const checked: NamedWeights = new Map();
  for (const [layer, arrays] of weights) {
    if (typeof layer !== 'string' || !Array.isArray(arrays) || !arrays.every(isWeightArray)) {
      return null;
    }
    checked.set(layer, arrays);
  }
  return { hash, source, savedAt, weights: checked };
}

/** Stores `entry` as the only cached weights and marks it as the last used. */
export async function saveWeights(entry: CachedWeights): Promise<void> {
  await guarded(async (db) => {
    const tx = db.transaction('weights', 'readwrite');
    await tx.store.clear();
    await tx.store.put({ ...entry });
    await tx.done;
  });
  await setMeta(LAST_KEY, entry.hash);
}

export function getWeights(hash: string): Promise<CachedWeights | null> {
  return guarded(async (db) => asCached(await db.get('weights', hash)));
}

/** The weights used last, or null when there are none (or they are unreadable). */
export async function lastWeights(): Promise<CachedWeights | null> {
  const hash = await getMeta(LAST_KEY);
  return typeof hash === 'string' ? getWeights(hash) : null;
}

/** Marks a cached entry as the last used, so the next visit restores it. */
export function markLastWeights(hash: string): Promise<void> {
  return setMeta(LAST_KEY, hash);
}

/** The base weights' cache as the engine sees it. */
export const indexedDbWeightsCache: WeightsCache = { last: lastWeights, save: saveWeights };
