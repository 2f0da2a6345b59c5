/**
 * The first bytes of raw DEFLATE data (RFC 1951), decoded synchronously and
 * stopping as soon as enough are out: telling an entry's format needs 16
 * bytes, and a stream per entry would cost more than the whole check.
 * Canonical Huffman decoding as in zlib's reference decoder (puff.c).
 */

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** The order in which a dynamic block lists its code-length code lengths. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** The input ended before enough bytes were out (a short read): what was decoded is kept. */
class OutOfInput extends Error {}

class Bits {
  private at = 0;
  private buffer = 0;
  private count = 0;
  constructor(private readonly data: Uint8Array) {}

  read(n: number): number {
    while (this.count < n) {
      const byte = this.data[this.at++];
      if (byte === undefined) throw new OutOfInput();
      this.buffer |= byte << this.count;
      this.count += 8;
    }
    const value = this.buffer & ((1 << n) - 1);
    this.buffer >>>= n;
    this.count -= n;
    return value;
  }

  /** Drops the bits left in the current byte; the next read starts at a byte boundary. */
  align(): void {
    this.buffer = 0;
    this.count = 0;
  }
}

interface Huffman {
  /** Codes of each length, 0..15. */
  counts: Uint16Array;
  /** Symbols ordered by code. */
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    counts[len] = (counts[len] ?? 0) + 1;
  }
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = (offsets[len] ?? 0) + (counts[len] ?? 0);
  const symbols = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    if (len === 0) continue;
    const at = offsets[len] ?? 0;
    symbols[at] = s;
    offsets[len] = at + 1;
  }
  return { counts, symbols };
}

function decodeSymbol(bits: Bits, { counts, symbols }: Huffman): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len < 16; len++) {
    code |= bits.read(1);
    const count = counts[len] ?? 0;
    if (code - count < first) return symbols[index + (code - first)] ?? 0;
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  throw new Error('invalid Huffman code');
}

let fixed: { lengths: Huffman; distances: Huffman } | null = null;

function fixedCodes() {
  if (fixed) return fixed;
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  fixed = { lengths: huffman(lengths), distances: huffman(new Uint8Array(30).fill(5)) };
  return fixed;
}

function dynamicCodes(bits: Bits) {
  const literals = bits.read(5) + 257;
  const distances = bits.read(5) + 1;
  const codeLengthCount = bits.read(4) + 4;
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i] ?? 0] = bits.read(3);
  const lengthCode = huffman(codeLengths);
  const lengths = new Uint8Array(literals + distances);
  for (let i = 0; i < lengths.length; ) {
    const symbol = decodeSymbol(bits, lengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    const [value, repeat] =
      symbol === 16
        ? [lengths[i - 1], 3 + bits.read(2)]
        : [0, symbol === 17 ? 3 + bits.read(3) : 11 + bits.read(7)];
    if (value === undefined || i + repeat > lengths.length) throw new Error('invalid code lengths');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  return {
    lengths: huffman(lengths.subarray(0, literals)),
    distances: huffman(lengths.subarray(literals)),
  };
}

/**
 * Inflates raw DEFLATE `data` until `want` bytes are out, the data ends, or
 * its input runs short; returns at most `want` bytes. Throws on data that is
 * not valid DEFLATE.
 */
export function inflateHead(data: Uint8Array, want: number): Uint8Array {
  const out = new Uint8Array(want + 258);
  let n = 0;
  const bits = new Bits(data);
  try {
    let last = 0;
    while (!last && n < want) {
      last = bits.read(1);
      const type = bits.read(2);
      if (type === 0) {
        bits.align();
        const length = bits.read(16);
        if ((bits.read(16) ^ 0xffff) !== length) throw new Error('invalid stored block');
        for (let i = 0; i < length && n < want; i++) out[n++] = bits.read(8);
        continue;
      }
      if (type === 3) throw new Error('invalid block type');
      const codes = type === 1 ? fixedCodes() : dynamicCodes(bits);
      for (;;) {
        if (n >= want) break;
        const symbol = decodeSymbol(bits, codes.lengths);
        if (symbol < 256) out[n++] = symbol;
        else if (symbol === 256) break;
        else {
          const k = symbol - 257;
          if (k >= LENGTH_BASE.length) throw new Error('invalid length code');
          const length = (LENGTH_BASE[k] ?? 0) + bits.read(LENGTH_EXTRA[k] ?? 0);
          const d = decodeSymbol(bits, codes.distances);
          if (d >= DISTANCE_BASE.length) throw new Error('invalid distance code');
          const distance = (DISTANCE_BASE[d] ?? 0) + bits.read(DISTANCE_EXTRA[d] ?? 0);
          if (distance > n) throw new Error('distance too far back');
          for (let i = 0; i < length; i++, n++) out[n] = out[n - distance] ?? 0;
        }
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfInput)) throw error;
  }
  return out.slice(0, Math.min(n, want));
}
