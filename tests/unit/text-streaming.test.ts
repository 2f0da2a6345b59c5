import { describe, expect, it } from 'vitest';
import { labelFileReader, readLabelFile } from '../../src/core/dataset/labels.ts';
import { partitionFileReader, readPartitionFile } from '../../src/core/dataset/partition.ts';
import { readTextFile } from '../../src/core/dataset/textEncoding.ts';
import { CELEBA_ATTRIBUTES } from '../../src/core/sample/attributes.ts';
import { imageName } from '../support/datasetFixtures.ts';

/** Bytes a dropped text file is read in at a time (textEncoding.ts). */
const SLICE = 2 ** 20;

const streamed = <T>(text: string, open: (head: string) => { push(p: string): void; end(): T }) =>
  readTextFile(new Blob([text]), open);

describe('label and partition files read as they are decoded', () => {
  it('reads a CSV whose quoted fields hold line breaks, across the slices it is read in', async () => {
    const note = (i: number) => `"${'x'.repeat(200)}, ${i}\n${'y'.repeat(200)}"`;
    const rows = Array.from({ length: 6000 }, (_, i) => `${imageName(i)},${i % 2},${note(i)}`);
    const text = `filename,label,note\n${rows.join('\n')}\n`;
    // Both slice ends fall inside a quoted field.
    expect([text[SLICE], text[2 * SLICE]].every((c) => c === 'x' || c === 'y')).toBe(true);
    const read = await streamed(text, (head) => labelFileReader('l.csv', head));
    expect(read.result).toEqual(readLabelFile('l.csv', text));
    expect(read.result.rows.length).toBe(6000);
    expect(read.result.rows.values(5999)).toEqual([imageName(5999), '1', note(5999).slice(1, -1)]);
    // Row numbers are the file's records, a quoted line break inside one.
    expect(read.result.rows.line(5999)).toBe(6001);
  });

  it("reads CelebA's attribute .txt and partition file as their whole texts are read", async () => {
    const n = 20_000;
    const values = CELEBA_ATTRIBUTES.map((_, i) => (i % 3 ? ' 1' : '-1')).join(' ');
    const attributes = `${n}\n${CELEBA_ATTRIBUTES.join(' ')}\n${Array.from(
      { length: n },
      (_, i) => `${imageName(i + 1)} ${values}`,
    ).join('\r\n')}\r\n`;
    expect(attributes.length).toBeGreaterThan(2 * SLICE);
    const labels = await streamed(attributes, (head) =>
      labelFileReader('list_attr_celeba.txt', head),
    );
    expect(labels.result).toEqual(readLabelFile('list_attr_celeba.txt', attributes));
    expect(labels.result.rows.length).toBe(n);

    const partition = Array.from({ length: 100_000 }, (_, i) => `${imageName(i + 1)} ${i % 3}`);
    const text = `${partition.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(SLICE);
    const read = await streamed(text, (head) => partitionFileReader('p.txt', head));
    expect(read.result).toEqual(readPartitionFile('p.txt', text));
    expect(read.result.splits.size).toBe(100_000);
  });

  it('reads a file again as Windows-1252 when bytes past its first slices are not UTF-8', async () => {
    const rows = Array.from({ length: 90_000 }, (_, i) => `${imageName(i)},${i % 2}`);
    const bytes = Buffer.from(`filename,label\n${rows.join('\n')}\ncaf\xe9.jpg,1\n`, 'latin1');
    expect(bytes.length).toBeGreaterThan(SLICE);
    const read = await readTextFile(new Blob([bytes]), (head) => labelFileReader('l.csv', head));
    expect(read.encoding).toBe('Windows-1252');
    expect(read.result.rows.length).toBe(90_001);
    expect(read.result.rows.values(90_000)).toEqual(['café.jpg', '1']);
  });

  it('says a file holding only blank lines is empty', async () => {
    await expect(streamed(' \n\n', (head) => labelFileReader('l.csv', head))).rejects.toThrow(
      'l.csv is empty: it has no header and no rows.',
    );
  });
});
