import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateHead } from '../../src/core/dataset/inflateHead.ts';
import { tinyJpeg } from '../support/datasetFixtures.ts';

/** Bytes with runs and repeats, so the compressor uses back-references. */
function patterned(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i > 8 && x % 3 === 0 ? (out[i - 1 - (x % 7)] ?? 0) : x >>> 24;
  }
  return out;
}

const variants = [
  ['stored', { level: 0 }],
  ['fixed codes', { strategy: constants.Z_FIXED }],
  ['dynamic codes', { level: 9 }],
] as const;

describe('inflating only the first bytes', () => {
  it.each(variants)('matches zlib for %s blocks', (_, options) => {
    for (const data of [tinyJpeg(), patterned(5000, 7), patterned(40, 3)]) {
      const packed = deflateRawSync(data, options);
      for (const want of [1, 16, 300, data.length]) {
        expect(inflateHead(packed, want)).toEqual(data.subarray(0, want));
      }
    }
  });

  it('returns all there is when the data is shorter than asked', () => {
    const data = patterned(10, 1);
    expect(inflateHead(deflateRawSync(data), 16)).toEqual(data);
  });

  it('needs only a prefix of the compressed data, and keeps what a short read gave', () => {
    const data = patterned(100_000, 5);
    const packed = deflateRawSync(data, { level: 9 });
    expect(inflateHead(packed.subarray(0, 600), 16)).toEqual(data.subarray(0, 16));
    const short = inflateHead(packed.subarray(0, 2), 16);
    expect(short.length).toBeLessThan(16);
  });

  it('refuses data that is not DEFLATE', () => {
    expect(() => inflateHead(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 16)).toThrow();
  });
});
