import { seededRandom, shuffleInPlace } from '../dataset/rng.ts';

/**
 * Seeded randomness for training. Every random choice (data order, augmentation,
 * dropout masks) is a pure function of the run seed and its position (phase,
 * epoch, batch), so pausing, resuming or restoring a checkpoint replays exactly.
 */

/** 32-bit hash of integers (FNV-1a over their bytes, then an avalanche). */
export function seedFor(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    let v = Math.floor(part) | 0;
    for (let i = 0; i < 4; i++) {
      h ^= v & 0xff;
      h = Math.imul(h, 0x01000193);
      v >>>= 8;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 0..n-1 in a seeded Fisher–Yates order. */
export function shuffledIndices(n: number, seed: number): number[] {
  return shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed),
  );
}
