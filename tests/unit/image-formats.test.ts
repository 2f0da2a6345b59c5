import { describe, expect, it } from 'vitest';
import { readBatch } from '../../src/core/dataset/batch.ts';
import { formatProblem, sniffFormat } from '../../src/core/dataset/imageFormats.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { file, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';
import { writePng, writeZip } from '../support/zipWriter.ts';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const webp = ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ');
const gif = ascii('GIF89a\u0001\u0000');
const bmp = ascii('BM\u0036\u0000\u0000\u0000');
const innerZip = writeZip([{ path: 'a.jpg', data: tinyJpeg() }]);

describe('image formats from the first bytes', () => {
  it.each([
    ['jpeg', tinyJpeg()],
    ['png', writePng(2, 2, () => new Uint8Array(6))],
    ['webp', webp],
    ['gif', gif],
    ['bmp', bmp],
    ['zip', innerZip],
    ['empty', new Uint8Array(0)],
    ['unknown', ascii('hello')],
  ] as const)('tells %s', (format, bytes) => {
    expect(sniffFormat(bytes)).toBe(format);
  });

  it('says what a file is and what to do about it', () => {
    expect(formatProblem(tinyJpeg())).toBeNull();
    expect(formatProblem(webp)).toBe('a WebP image: convert to JPEG or PNG');
    expect(formatProblem(innerZip)).toBe('a zip inside the zip: unzip it first');
    expect(formatProblem(new Uint8Array(0))).toBe('0 bytes: the download did not finish');
  });
});

describe('files the decoder does not read', () => {
  it('are named for what they are, not reported as missing, and not counted as found', async () => {
    const jpg = tinyJpeg();
    const entries = [
      { path: 'imgs/a.webp', data: webp },
      { path: 'imgs/b.gif', data: gif },
      { path: 'imgs/c.bmp', data: bmp },
      { path: 'imgs/d.zip', data: innerZip },
      { path: 'imgs/e.jpg', data: new Uint8Array(0) },
    ];
    const rows = ['filename,label', 'a.webp,m', 'b.gif,f', 'c.bmp,m', 'd.zip,f', 'e.jpg,m'];
    for (let i = 0; i < 10; i++) {
      entries.push({ path: `imgs/ok${i}.jpg`, data: jpg });
      rows.push(`ok${i}.jpg,${i % 2 === 0 ? 'm' : 'f'}`);
    }
    const { dataset } = await loadDataset(
      [file('z.zip', writeZip(entries)), file('l.csv', `${rows.join('\n')}\n`)],
      DEFAULT_SPLIT_OPTIONS,
      noProgress,
    );
    expect(dataset.summary.splits.reduce((n, s) => n + s.count, 0)).toBe(10);
    expect(dataset.summary.zipFile.images).toBe(10);
    const problems = dataset.summary.problems;
    expect(problems.find((p) => p.kind === 'missing-image')).toBeUndefined();
    const unusable = problems.find((p) => p.kind === 'unreadable-format');
    expect(unusable?.count).toBe(5);
    expect(unusable?.message).toContain('a WebP image: convert to JPEG or PNG (1)');
    expect(unusable?.message).toContain('a zip inside the zip: unzip it first (1)');
    expect(unusable?.message).toContain('0 bytes: the download did not finish (1)');
    expect(unusable?.examples[0]).toBe('a.webp: a WebP image: convert to JPEG or PNG (row 2)');
  });

  it('are skipped by what their header says when the extension lies', async () => {
    const files = new Map([['fake.jpg', webp]]);
    const source = {
      has: (name: string) => files.has(name),
      read: async (name: string) => files.get(name) ?? new Uint8Array(0),
    };
    const decoder = {
      decode: async () => {
        throw new Error('the decoder must not be asked');
      },
    };
    const batch = await readBatch(source, [{ name: 'fake.jpg', label: 1, row: 2 }], decoder, 8);
    expect(batch.count).toBe(0);
    expect(batch.skipped).toEqual([
      { name: 'fake.jpg', reason: 'fake.jpg is a WebP image: convert to JPEG or PNG.' },
    ]);
  });
});
