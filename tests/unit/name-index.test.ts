import { describe, expect, it } from 'vitest';
import { buildNameIndex, normalizeName } from '../../src/core/dataset/nameIndex.ts';

describe('matching label-file names to zip paths', () => {
  const index = buildNameIndex([
    'celeba/img/000001.jpg',
    'faces/female/001.jpg',
    'faces/male/001.jpg',
    'caf\u00e9.jpg',
  ]);

  it('finds a bare name held once, whatever the folders', () => {
    expect(index.match('000001.jpg')).toEqual({ kind: 'found', path: 'celeba/img/000001.jpg' });
  });

  it('matches a path by its trailing folders, from either side', () => {
    expect(index.match('male/001.jpg')).toEqual({ kind: 'found', path: 'faces/male/001.jpg' });
    expect(index.match('female\\001.jpg')).toEqual({ kind: 'found', path: 'faces/female/001.jpg' });
    expect(index.match('C:\\Users\\me\\faces\\male\\001.jpg')).toEqual({
      kind: 'found',
      path: 'faces/male/001.jpg',
    });
  });

  it('never guesses between folders', () => {
    expect(index.match('001.jpg')).toEqual({
      kind: 'ambiguous',
      paths: ['faces/female/001.jpg', 'faces/male/001.jpg'],
    });
    expect(index.collisions()).toEqual(
      new Map([['001.jpg', ['faces/female/001.jpg', 'faces/male/001.jpg']]]),
    );
  });

  it('compares names after Unicode NFC normalization', () => {
    const decomposed = 'cafe\u0301.jpg';
    expect(decomposed).not.toBe('caf\u00e9.jpg');
    expect(index.match(decomposed)).toEqual({ kind: 'found', path: 'caf\u00e9.jpg' });
    expect(normalizeName(` ./sub\\${decomposed} `)).toBe('sub/caf\u00e9.jpg');
  });

  it('reports a name it does not hold as missing', () => {
    expect(index.match('000002.jpg')).toEqual({ kind: 'missing' });
    expect(index.match('')).toEqual({ kind: 'missing' });
  });
});
