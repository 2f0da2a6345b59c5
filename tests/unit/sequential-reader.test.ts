import { describe, expect, it } from 'vitest';
import { SequentialReader } from '../../src/core/dataset/sequentialReader.ts';

const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

/** A stream of `b`'s bytes that is not a byte stream (it cannot read into a given buffer). */
const defaultStream = (b: Blob) =>
  new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(await b.arrayBuffer()));
      controller.close();
    },
  });

/** A byte stream that fails at its first read. */
const failing = () =>
  new ReadableStream({
    type: 'bytes',
    pull(controller) {
      controller.error(new TypeError('The stream broke.'));
    },
  });

/** A byte stream that gives the first 1,000 bytes of `b` and then nothing, never ending. */
const stalling = (b: Blob) =>
  new ReadableStream({
    type: 'bytes',
    async start(controller) {
      controller.enqueue(new Uint8Array(await b.slice(0, 1000).arrayBuffer()));
    },
  });

/** A Blob over `bytes` that counts its slices, and whose streams may not be byte streams. */
function blob(byteStreams: boolean | 'failing' | 'stalling' = true) {
  const whole = new Blob([bytes]);
  const slices: [number, number][] = [];
  const wrap = (b: Blob, offset: number): Blob =>
    ({
      size: b.size,
      slice(start = 0, end = b.size) {
        slices.push([offset + start, offset + Math.min(end, b.size)]);
        return wrap(b.slice(start, end), offset + start);
      },
      stream: () =>
        byteStreams === 'failing'
          ? failing()
          : byteStreams === 'stalling'
            ? stalling(b)
            : byteStreams
              ? b.stream()
              : defaultStream(b),
      arrayBuffer: () => b.arrayBuffer(),
    }) as unknown as Blob;
  return { file: wrap(whole, 0), slices };
}

/** Windows in order of offset: overlapping, with gaps, past the end of the file. */
const WINDOWS: [number, number][] = [
  [0, 10],
  [5, 70_000],
  [70_000, 1],
  [150_000, 60_000],
  [150_001, 100],
  [299_990, 100],
];

describe('reading a file front to back into one buffer', () => {
  it.each([
    ['byte streams', true],
    ['streams that are not byte streams', false],
    ['streams that fail', 'failing'],
    ['streams that stop giving bytes', 'stalling'],
  ] as const)('gives each window the file’s bytes (%s)', async (_, byteStreams) => {
    const { file } = blob(byteStreams);
    const reader = new SequentialReader(file, 100_000, 50);
    if (byteStreams === false) {
      expect(() => defaultStream(file).getReader({ mode: 'byob' })).toThrow();
    }
    for (const [offset, length] of WINDOWS) {
      const window = await reader.window(offset, length);
      expect(window).toEqual(bytes.subarray(offset, offset + length));
    }
    reader.close();
  });

  it('reads by one stream, not by a slice read per window', async () => {
    const { file, slices } = blob();
    const reader = new SequentialReader(file, 100_000);
    for (const [offset, length] of WINDOWS) await reader.window(offset, length);
    expect(slices).toEqual([[0, bytes.length]]);
  });

  it('reads a window that starts before the last one by a slice of its own', async () => {
    const { file, slices } = blob();
    const reader = new SequentialReader(file, 100_000);
    await reader.window(200_000, 10);
    expect(await reader.window(100, 20)).toEqual(bytes.subarray(100, 120));
    expect(slices).toEqual([
      [200_000, bytes.length],
      [100, 120],
    ]);
  });

  it('refuses a window longer than its buffer', async () => {
    const reader = new SequentialReader(blob().file, 1000);
    await expect(reader.window(0, 1001)).rejects.toThrow(RangeError);
  });
});
