import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/dataset/load.ts';
import {
  decodeTextFile,
  encodingNotice,
  readTextFile,
} from '../../src/core/dataset/textEncoding.ts';
import { decodeCp437, decodeZipName } from '../../src/core/dataset/zipNames.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { file, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';
import { writeZip } from '../support/zipWriter.ts';

const TEXT = 'filename,label\ncafé.jpg,1\n';

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
  return new Uint8Array(le);
}

const bytes = (...parts: ArrayLike<number>[]) =>
  Uint8Array.from(parts.flatMap((p) => [...Array.from(p)]));

describe('label file text encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), false],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8')), false],
    ['UTF-16 LE', bytes([0xff, 0xfe], Buffer.from(TEXT, 'utf16le')), false],
    ['UTF-16 BE', bytes([0xfe, 0xff], utf16be(TEXT)), false],
    ['UTF-16 LE', Buffer.from(TEXT, 'utf16le'), true],
    ['Windows-1252', Buffer.from(TEXT, 'latin1'), true],
  ] as const)('reads %s (guessed: %s)', (encoding, input, guessed) => {
    const decoded = decodeTextFile(new Uint8Array(input));
    expect(decoded).toEqual({ text: TEXT, encoding, guessed });
  });

  it.each([
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8'), false],
    ['UTF-8 with BOM', (t: string) => bytes([0xef, 0xbb, 0xbf], Buffer.from(t, 'utf8')), false],
    ['UTF-16 LE', (t: string) => bytes([0xff, 0xfe], Buffer.from(t, 'utf16le')), false],
    ['UTF-16 BE', (t: string) => bytes([0xfe, 0xff], utf16be(t)), false],
    ['Windows-1252', (t: string) => Buffer.from(t, 'latin1'), true],
  ] as const)(
    'reads a dropped %s file slice by slice, characters split across slices included',
    async (encoding, encode, guessed) => {
      // Over 2 MB, so the file is read in several slices; "é" is two bytes in UTF-8, and odd
      // lengths put some of them across a slice's end.
      const rows = Array.from({ length: 140_000 }, (_, i) => `café${'é'.repeat(i % 3)}${i}.jpg,1`);
      const text = `filename,label\n${rows.join('\n')}\n`;
      const input = new Uint8Array(encode(text));
      expect(input.length).toBeGreaterThan(2 * 2 ** 20);
      const pieces: string[] = [];
      const read = await readTextFile(new Blob([input]), () => ({
        push: (piece) => pieces.push(piece),
        end: () => pieces.join(''),
      }));
      expect(pieces.length).toBeGreaterThan(2);
      expect(read).toEqual({ result: text, encoding, guessed });
    },
  );

  it('reads Windows-1252 characters that Latin-1 lacks', () => {
    // 0x80 is the euro sign and 0x93/0x94 curly quotes in Windows-1252.
    expect(decodeTextFile(Uint8Array.from([0x93, 0x80, 0x94])).text).toBe('\u201c€\u201d');
  });

  it('says which encoding a guess chose, without showing bytes', () => {
    const decoded = decodeTextFile(new Uint8Array(Buffer.from(TEXT, 'latin1')));
    expect(encodingNotice('l.csv', decoded)).toBe(
      'l.csv is not valid UTF-8; it was read as Windows-1252. If names with accents do not match, save it as "CSV UTF-8".',
    );
    expect(encodingNotice('l.csv', decodeTextFile(Buffer.from(TEXT)))).toBeNull();
  });
});

describe('zip entry names', () => {
  it('reads names without the UTF-8 flag as CP437', () => {
    // CP437: 0x82 é, 0x81 ü, 0xE1 ß.
    expect(decodeCp437(Uint8Array.from([0x82, 0x81, 0xe1]))).toBe('éüß');
    expect(decodeZipName(Uint8Array.from([0x63, 0x61, 0x66, 0x82]), false)).toEqual({
      name: 'café',
      encoding: 'CP437',
    });
  });

  it('reads flagged names, and unflagged names that are valid UTF-8 (macOS), as UTF-8', () => {
    const utf8 = new Uint8Array(Buffer.from('café', 'utf8'));
    expect(decodeZipName(utf8, true)).toEqual({ name: 'café', encoding: 'UTF-8' });
    expect(decodeZipName(utf8, false)).toEqual({ name: 'café', encoding: 'UTF-8' });
    expect(decodeZipName(new Uint8Array(Buffer.from('a.jpg')), false).encoding).toBe('ASCII');
  });
});

describe('loading files in other encodings', () => {
  const jpg = tinyJpeg();

  it('matches a UTF-16 CSV to CP437 and NFD zip names', async () => {
    const zip = writeZip([
      // "Compressed folder" on an old Windows: CP437 bytes, no UTF-8 flag (0x82 is é).
      {
        path: 'x',
        rawName: bytes(Buffer.from('imgs/caf'), [0x82], Buffer.from('.jpg')),
        data: jpg,
      },
      // macOS: decomposed (NFD) é, flagged UTF-8.
      { path: 'imgs/re\u0301sume\u0301.jpg', data: jpg },
      { path: 'imgs/plain.jpg', data: jpg },
    ]);
    const csv = 'filename,label\ncafé.jpg,1\nrésumé.jpg,0\nplain.jpg,1\n'.normalize('NFC');
    const { dataset } = await loadDataset(
      [file('z.zip', zip), file('l.csv', bytes([0xff, 0xfe], Buffer.from(csv, 'utf16le')))],
      { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 1, validation: 0, test: 0 } },
      noProgress,
    );
    expect(dataset.splits.train.map((r) => r.name)).toEqual([
      'café.jpg',
      'résumé.jpg',
      'plain.jpg',
    ]);
    // Everything is in train (fractions 1/0/0), so only the empty splits are problems.
    expect(dataset.summary.problems.map((p) => p.kind)).toEqual(['small-split', 'small-split']);
    expect(dataset.summary.labelFile.encoding).toBe('UTF-16 LE');
    expect(dataset.summary.zipFile.nameEncoding).toBe('CP437');
  });

  it('reads a Windows-1252 CSV and says so among the problems', async () => {
    const zip = writeZip([
      { path: 'café.jpg', data: jpg },
      { path: 'b.jpg', data: jpg },
    ]);
    const { dataset } = await loadDataset(
      [
        file('z.zip', zip),
        file('l.csv', Buffer.from('filename,label\ncafé.jpg,1\nb.jpg,0\n', 'latin1')),
      ],
      { ...DEFAULT_SPLIT_OPTIONS, fractions: { train: 1, validation: 0, test: 0 } },
      noProgress,
    );
    expect(dataset.splits.train).toHaveLength(2);
    expect(dataset.summary.labelFile.encoding).toBe('Windows-1252');
    const notice = dataset.summary.problems.find((p) => p.kind === 'text-encoding');
    expect(notice?.message).toContain('read as Windows-1252');
    expect(notice?.message).not.toMatch(/\ufffd|\\x/);
  });
});
