import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { eachCsvRecord, eachLine, firstLines, headOf } from '../../src/core/dataset/textRecords.ts';

const lines = (text: string | string[]) => {
  const out: [string, number][] = [];
  eachLine(text, (line, number) => out.push([line, number]));
  return out;
};

describe('text read in pieces', () => {
  const text = 'count\r\nnames a b\n\nx.jpg 1 -1\ry.jpg -1 1\r\n';

  it('gives the lines of the whole text, wherever the pieces are cut (even inside \\r\\n)', () => {
    const whole = lines(text);
    expect(whole.map(([line]) => line)).toEqual([
      'count',
      'names a b',
      '',
      'x.jpg 1 -1',
      'y.jpg -1 1',
      '',
    ]);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        expect(lines([text.slice(0, a), text.slice(a, b), text.slice(b)])).toEqual(whole);
      }
    }
  });

  it('finds the first lines and the head across pieces', () => {
    expect(firstLines(['cou', 'nt\nna', 'mes\nrest'], 2)).toEqual(['count', 'names']);
    expect(headOf(['ab', 'cd', 'ef'], 3)).toBe('abcd');
  });
});

const records = (text: string | string[]) => {
  const out: [string[], number][] = [];
  eachCsvRecord(text, (fields, number) => out.push([fields, number]));
  return out;
};

/** What papaparse makes of the whole text, records numbered from 1. */
const wholeText = (text: string) =>
  Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { skipEmptyLines: false }).data.map(
    (fields, i) => [fields, i + 1] as [string[], number],
  );

describe('CSV read in pieces', () => {
  it.each([
    ['quoted line breaks and quotes', 'a,b\n1,"x\ny",2\n"q""uote",3\n'],
    ['quoted line breaks with \\r\\n', 'a,b\r\n"1\r\n\r\n2",3\r\n4,5'],
    ['a quote inside a field', 'a,b\nab"c,"d\ne,f\n"g",h\n'],
    ['another delimiter, quoted', 'name;label\n"a;b.jpg";1\nc.jpg;0'],
    ['tabs', 'name\tlabel\na.jpg\t1\n"b\tc.jpg"\t0\n'],
    ['blank lines', '\n\na,b\n \n1,2'],
    ['a quoted field never closed', 'a,b\n"1,2\n3,4'],
  ])('gives the records papaparse gives for the whole text (%s), wherever it is cut', (_, text) => {
    const whole = wholeText(text);
    expect(records(text)).toEqual(whole);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        expect(records([text.slice(0, a), text.slice(a, b), text.slice(b)])).toEqual(whole);
      }
    }
  });

  it('guesses the delimiter from the first rows, as papaparse does for the whole text', () => {
    // Past the head the reader guesses from: every row has a comma, the first ones a semicolon more.
    const first = Array.from({ length: 12 }, (_, i) => `"r${i},x";${i}`);
    const rest = Array.from({ length: 9000 }, (_, i) => `n${i}.jpg,${i % 2}`);
    const text = ['name;label', ...first, ...rest].join('\n');
    const pieces = Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) =>
      text.slice(i * 1000, i * 1000 + 1000),
    );
    expect(records(pieces)).toEqual(wholeText(text));
    expect(records(pieces)[1]?.[0]).toEqual(['r0,x', '0']);
  });
});
