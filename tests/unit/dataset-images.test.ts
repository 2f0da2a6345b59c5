import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch, drawAugmentations, transformRow } from '../../src/core/augment/augment.ts';
import { readBatch } from '../../src/core/dataset/batch.ts';
import {
  checkImage,
  MAX_ENTRY_BYTES,
  readImageHeader,
} from '../../src/core/dataset/imageLimits.ts';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import type { ImageSource } from '../../src/core/dataset/types.ts';
import { FACE_HEIGHT, FACE_WIDTH } from '../../src/core/sample/face.ts';
import { generateSample, SAMPLE_FOLDER, sampleLabels } from '../../src/core/sample/generate.ts';
import { DEFAULT_AUGMENT, NO_AUGMENT } from '../../src/domain/dataset.ts';
import { file, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A JPEG header declaring width × height: enough for the size check, never decodable. */
function fakeJpegHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    0,
    0,
    0,
    0,
  ]);
}

const sourceOf = (entries: Record<string, Uint8Array>): ImageSource => ({
  has: (n) => n in entries,
  read: async (n) => {
    const bytes = entries[n];
    if (!bytes) throw new Error(`${n} is missing`);
    return bytes;
  },
});

describe('image limits', () => {
  it('reads JPEG and PNG dimensions from the header', () => {
    expect(readImageHeader(tinyJpeg(20, 12))).toEqual({ format: 'jpeg', width: 20, height: 12 });
    const png = new Uint8Array(24);
    png.set([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0, 0, 0,
      0, 200,
    ]);
    expect(readImageHeader(png)).toEqual({ format: 'png', width: 256, height: 200 });
  });

  it('refuses images over 40 megapixels and entries over 20 MB, by name', () => {
    expect(() => checkImage(fakeJpegHeader(8000, 6000), 'bomb.jpg')).toThrow(
      /bomb\.jpg is refused: 8000×6000 is 48\.0 megapixels/,
    );
    expect(() => checkImage(fakeJpegHeader(6000, 6000), 'ok.jpg')).not.toThrow();
    expect(() => checkImage(new Uint8Array(MAX_ENTRY_BYTES + 1), 'big.jpg')).toThrow(
      /big\.jpg is refused: .* over the 20 MB limit/,
    );
    expect(() => checkImage(new Uint8Array([1, 2, 3]), 'x.jpg')).toThrow(
      /not a readable JPEG or PNG/,
    );
  });
});

describe('jpegDecoder and readBatch', () => {
  it('decodes and resizes to size × size RGB', async () => {
    const image = await jpegDecoder.decode(tinyJpeg(30, 20, [200, 80, 40]), 'a.jpg', 16);
    expect(image.width).toBe(16);
    expect(image.data.length).toBe(16 * 16 * 3);
    // JPEG is lossy: a flat colour comes back within a few levels.
    expect(Math.abs((image.data[0] ?? 0) - 200)).toBeLessThan(6);
    expect(Math.abs((image.data[1] ?? 0) - 80)).toBeLessThan(6);
  });

  it('skips and reports corrupt, missing and refused entries instead of throwing', async () => {
    const good = tinyJpeg();
    const corrupt = good.slice(0, 40);
    const source = sourceOf({
      'a.jpg': good,
      'b.jpg': corrupt,
      'c.jpg': fakeJpegHeader(9000, 9000),
      'd.jpg': good,
    });
    const refs = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'].map((name, i) => ({
      name,
      label: (i % 2) as 0 | 1,
      row: i + 2,
    }));
    const batch = await readBatch(source, refs, jpegDecoder, 8);
    expect(batch.count).toBe(2);
    expect(batch.names).toEqual(['a.jpg', 'd.jpg']);
    expect([...batch.labels]).toEqual([0, 1]);
    expect(batch.images.length).toBe(2 * 8 * 8 * 3);
    expect(batch.skipped.map((s) => s.name)).toEqual(['b.jpg', 'c.jpg', 'e.jpg']);
    expect(batch.skipped[1]?.reason).toMatch(/refused/);
  });
});

describe('augmentBatch', () => {
  const size = 16;
  const images = () =>
    tf.tidy(() => tf.randomUniform([4, size, size, 3], 0, 255, 'float32', 7) as tf.Tensor4D);

  it('returns an equal copy when everything is off', () => {
    const input = images();
    const out = augmentBatch(input, NO_AUGMENT, 1);
    expect(out).not.toBe(input);
    expect(out.arraySync()).toEqual(input.arraySync());
    tf.dispose([input, out]);
  });

  it('is deterministic for a seed, keeps shape and range, and leaks no tensors', () => {
    const input = images();
    const params = {
      ...DEFAULT_AUGMENT,
      widthShift: 0.1,
      heightShift: 0.1,
      brightnessRange: [0.5, 1.5] as [number, number],
    };
    const before = tf.memory().numTensors;
    const a = augmentBatch(input, params, 5);
    const b = augmentBatch(input, params, 5);
    const c = augmentBatch(input, params, 6);
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(a.shape).toEqual(input.shape);
    expect(a.dtype).toBe('float32');
    expect(a.arraySync()).toEqual(b.arraySync());
    expect(c.arraySync()).not.toEqual(a.arraySync());
    expect(a.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(a.max().dataSync()[0]).toBeLessThanOrEqual(255);
    tf.dispose([input, a, b, c]);
  });

  it('flips exactly the images its draw says to flip', () => {
    const input = images();
    const params = { ...NO_AUGMENT, horizontalFlip: true };
    const draws = drawAugmentations(4, size, size, params, 3);
    const out = augmentBatch(input, params, 3);
    const flipped = tf.image.flipLeftRight(input);
    const o = out.arraySync();
    const f = flipped.arraySync();
    const x = input.arraySync();
    draws.forEach((d, i) => {
      const expected = d.flip ? f[i] : x[i];
      expect(o[i]).toEqual(expected);
    });
    tf.dispose([input, out, flipped]);
  });

  it('builds the identity matrix for a null draw, and zooms about the centre', () => {
    const none = { flip: false, angle: 0, zoomX: 1, zoomY: 1, shiftX: 0, shiftY: 0, brightness: 1 };
    expect(transformRow(none, 10, 10).map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    const [a0, , a2] = transformRow({ ...none, zoomX: 2 }, 11, 11);
    // The centre (5) samples itself: 2 * 5 + a2 = 5.
    expect((a0 ?? 0) * 5 + (a2 ?? 0)).toBeCloseTo(5);
  });

  it('shifts sample the input shifted by the drawn number of pixels', () => {
    // A horizontal ramp: the pixel at column x holds 10x, so a shift shows as an offset.
    const ramp = tf.tidy(() =>
      tf.tile(tf.range(0, size).mul(10).reshape([1, 1, size, 1]), [4, size, 1, 3]),
    ) as tf.Tensor4D;
    const params = { ...NO_AUGMENT, widthShift: 0.2 };
    const draws = drawAugmentations(4, size, size, params, 11);
    const out = augmentBatch(ramp, params, 11).arraySync();
    draws.forEach((d, i) => {
      expect(Math.abs(d.shiftX)).toBeLessThanOrEqual(0.2 * size);
      expect(out[i]?.[8]?.[8]?.[0]).toBeCloseTo(10 * (8 + d.shiftX), 3);
    });
    ramp.dispose();
  });

  it('brightness multiplies and clips', () => {
    const input = tf.fill([1, 2, 2, 3], 200) as tf.Tensor4D;
    const out = augmentBatch(input, { ...NO_AUGMENT, brightnessRange: [1.5, 1.5] }, 1);
    expect([...out.dataSync()].every((v) => v === 255)).toBe(true);
    tf.dispose([input, out]);
  });
});

describe('synthetic sample', () => {
  it("follows CelebA's layout and loads with the partition's 80/10/10", async () => {
    const count = 20;
    const sample = await generateSample({ count, seed: 4 });
    const zip = await JSZip.loadAsync(sample.zip);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    expect(names).toHaveLength(count);
    expect(names[0]).toBe(`${SAMPLE_FOLDER}000001.jpg`);
    const first = jpeg.decode(
      (await zip.files[names[0] as string]?.async('uint8array')) as Uint8Array,
      { useTArray: true },
    );
    expect([first.width, first.height]).toEqual([FACE_WIDTH, FACE_HEIGHT]);
    const header = sample.attributesCsv.split('\n')[0]?.split(',') ?? [];
    expect(header).toHaveLength(41);
    expect(header[0]).toBe('image_id');
    expect(sample.males).toBe(sampleLabels(count, 4).filter(Boolean).length);

    const { dataset } = await loadDataset(
      [
        file('img_align_celeba.zip', sample.zip),
        file('list_attr_celeba.csv', sample.attributesCsv),
        file('list_eval_partition.csv', sample.partitionCsv),
      ],
      { seed: 1, limit: null, fractions: { train: 1, validation: 0, test: 0 } },
      noProgress,
    );
    expect(dataset.summary.splitSource).toBe('partition-file');
    expect(dataset.summary.splits.map((s) => s.count)).toEqual([16, 2, 2]);
    expect(dataset.summary.splits.reduce((n, s) => n + s.classCounts[1], 0)).toBe(sample.males);
    expect(dataset.summary.problems).toEqual([]);
  });

  it('is the same for the same seed', async () => {
    const a = await generateSample({ count: 3, seed: 9 });
    const b = await generateSample({ count: 3, seed: 9 });
    expect(a.attributesCsv).toBe(b.attributesCsv);
    const unzip = async (bytes: Uint8Array) =>
      (await JSZip.loadAsync(bytes)).file(`${SAMPLE_FOLDER}000002.jpg`)?.async('uint8array');
    expect(await unzip(a.zip)).toEqual(await unzip(b.zip));
  });
});
