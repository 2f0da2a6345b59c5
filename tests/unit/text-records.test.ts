import { describe, expect, it } from 'vitest';
import { eachLine, firstLines, headOf } from '../../src/core/dataset/textRecords.ts';

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
