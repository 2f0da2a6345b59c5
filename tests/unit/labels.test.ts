import { describe, expect, it } from 'vitest';
import { readLabelFile } from '../../src/core/dataset/labels.ts';
import {
  applyMapping,
  checkMapping,
  detectClasses,
  detectMapping,
} from '../../src/core/dataset/mapping.ts';
import { looksLikePartition, readPartitionFile } from '../../src/core/dataset/partition.ts';
import { CELEBA_ATTRIBUTES } from '../../src/core/sample/attributes.ts';
import { kaggleCsv } from '../support/datasetFixtures.ts';

const names = CELEBA_ATTRIBUTES.join(' ');
const maleIndex = CELEBA_ATTRIBUTES.indexOf('Male');
const txtRow = (image: string, male: boolean) =>
  `${image} ${CELEBA_ATTRIBUTES.map((_, i) => (i === maleIndex ? (male ? ' 1' : '-1') : '-1')).join('  ')}`;

function mapped(fileName: string, text: string) {
  const table = readLabelFile(fileName, text);
  const mapping = detectMapping(table);
  return { table, mapping, ...applyMapping(table, mapping) };
}

describe('label file formats', () => {
  it('reads Kaggle list_attr_celeba.csv: image_id, 40 attributes, Male is the label', () => {
    const r = mapped(
      'list_attr_celeba.csv',
      kaggleCsv(4, (i) => i % 2 === 0),
    );
    expect(r.table.format).toBe('kaggle-csv');
    expect(r.table.columns).toHaveLength(41);
    expect(r.mapping).toEqual({
      imageColumn: 'image_id',
      labelColumn: 'Male',
      classValues: [['-1'], ['1']],
      classNames: ['female', 'male'],
    });
    expect(r.refs.map((x) => x.label)).toEqual([0, 1, 0, 1]);
    expect(r.refs[0]).toEqual({ name: '000001.jpg', label: 0, row: 2 });
  });

  it('reads the official list_attr_celeba.txt: count, names, whitespace rows', () => {
    const text = [
      '3',
      names,
      txtRow('000001.jpg', false),
      txtRow('000002.jpg', true),
      txtRow('000003.jpg', true),
    ].join('\n');
    const r = mapped('list_attr_celeba.txt', text);
    expect(r.table.format).toBe('celeba-txt');
    expect(r.mapping.labelColumn).toBe('Male');
    expect(r.mapping.classNames).toEqual(['female', 'male']);
    expect(r.refs.map((x) => [x.name, x.label, x.row])).toEqual([
      ['000001.jpg', 0, 3],
      ['000002.jpg', 1, 4],
      ['000003.jpg', 1, 5],
    ]);
  });

  it('reads CelebAMask-HQ-attribute-anno.txt with names like 0.jpg', () => {
    const text = ['2', names, txtRow('0.jpg', true), txtRow('1.jpg', false)].join('\r\n');
    const r = mapped('CelebAMask-HQ-attribute-anno.txt', text);
    expect(r.table.format).toBe('celeba-hq-txt');
    expect(r.refs.map((x) => [x.name, x.label])).toEqual([
      ['0.jpg', 1],
      ['1.jpg', 0],
    ]);
  });

  it.each([
    ['0/1', ['0', '1'], [['0'], ['1']], ['0', '1']],
    ['-1/1', ['-1', '1'], [['-1'], ['1']], ['-1', '1']],
    ['male/female', ['female', 'male'], [['female'], ['male']], ['female', 'male']],
    ['MALE/Female', ['Female', 'MALE'], [['Female'], ['MALE']], ['female', 'male']],
    ['m/f', ['f', 'm'], [['f'], ['m']], ['female', 'male']],
    ['M/F', ['F', 'M'], [['F'], ['M']], ['female', 'male']],
    ['0.0/1.0', ['0.0', '1.0'], [['0.0'], ['1.0']], ['0', '1']],
    ['true/false', ['false', 'true'], [['false'], ['true']], ['false', 'true']],
    ['YES/no', ['no', 'YES'], [['no'], ['YES']], ['no', 'yes']],
  ])('reads a plain filename,label CSV with labels %s', (_, [low, high], values, classNames) => {
    const r = mapped('labels.csv', `filename,label\na.jpg,${high}\nb.jpg,${low}\nc.jpg,${high}\n`);
    expect(r.table.format).toBe('plain-csv');
    expect(r.mapping.imageColumn).toBe('filename');
    expect(r.mapping.labelColumn).toBe('label');
    expect(r.mapping.classValues).toEqual(values);
    expect(r.mapping.classNames).toEqual(classNames);
    expect(r.refs.map((x) => x.label)).toEqual([1, 0, 1]);
  });

  it('accepts mixed spellings of the genders in one file', () => {
    const r = mapped('labels.csv', 'filename,label\na.jpg,M\nb.jpg,female\nc.jpg,male\nd.jpg,F\n');
    expect(r.refs.map((x) => x.label)).toEqual([1, 0, 1, 0]);
  });

  it('handles a BOM, CRLF, quoted fields and trailing blank lines', () => {
    const text = '\uFEFF"filename","label"\r\n"dir/a, b.jpg","1"\r\nc.jpg,0\r\n\r\n\r\n';
    const r = mapped('labels.csv', text);
    expect(r.table.columns).toEqual(['filename', 'label']);
    expect(r.refs).toEqual([
      { name: 'dir/a, b.jpg', label: 1, row: 2 },
      { name: 'c.jpg', label: 0, row: 3 },
    ]);
    expect(r.unreadable).toEqual([]);
  });

  it('lists unreadable rows by row number and keeps the first of repeated images', () => {
    const r = mapped('labels.csv', 'filename,label\na.jpg,1\nb.jpg\nc.jpg,0\nd.jpg,\na.jpg,0\n');
    expect(r.unreadable.map((u) => u.row)).toEqual([3, 5]);
    expect(r.duplicateRows).toEqual([{ name: 'a.jpg', row: 6 }]);
    expect(r.refs.map((x) => x.name)).toEqual(['a.jpg', 'c.jpg']);
  });
});

describe('mapping', () => {
  const table = readLabelFile(
    'attrs.csv',
    'image_id,Smiling,Male\na.jpg,1,-1\nb.jpg,-1,1\nc.jpg,1,1\n',
  );

  it('can be overridden: another label column, swapped classes, new names', () => {
    const mapping = {
      imageColumn: 'image_id',
      labelColumn: 'Smiling',
      classValues: [['1'], ['-1']] as [string[], string[]],
      classNames: ['smiling', 'serious'] as [string, string],
    };
    checkMapping(table, mapping);
    expect(applyMapping(table, mapping).refs.map((r) => r.label)).toEqual([0, 1, 0]);
  });

  it('rejects a column that does not exist, naming it and the file', () => {
    expect(() => checkMapping(table, { ...detectMapping(table), labelColumn: 'Smile' })).toThrow(
      /attrs\.csv has no column "Smile"/,
    );
  });

  it('rejects one value meaning both classes', () => {
    expect(() =>
      checkMapping(table, { ...detectMapping(table), classValues: [['1'], ['1', '-1']] }),
    ).toThrow(/cannot mean both classes/);
  });
});

describe('label file errors name the file or column', () => {
  it('no recognisable image column', () => {
    const table = readLabelFile('x.csv', 'a,label\n1,0\n2,1\n');
    expect(() => detectMapping(table)).toThrow(/No image column in x\.csv.*a, label/);
  });

  it('no recognisable label column', () => {
    const table = readLabelFile('bbox.csv', 'image_id,x_1,y_1\na.jpg,1,2\n');
    expect(() => detectMapping(table)).toThrow(/No label column in bbox\.csv/);
  });

  it('labels that are not exactly two classes', () => {
    const three = readLabelFile('l.csv', 'filename,label\na.jpg,0\nb.jpg,1\nc.jpg,2\n');
    expect(() => detectMapping(three)).toThrow(
      /Column "label" of l\.csv must hold exactly two classes; found 3/,
    );
    const one = readLabelFile('l.csv', 'filename,label\na.jpg,male\nb.jpg,M\n');
    expect(() => detectMapping(one)).toThrow(/exactly two classes/);
  });
});

describe('partition file', () => {
  it('reads the Kaggle CSV and the official TXT: 0 train, 1 validation, 2 test', () => {
    const csv = readPartitionFile(
      'list_eval_partition.csv',
      'image_id,partition\r\na.jpg,0\nb.jpg,1\nc.jpg,2\n\n',
    );
    const txt = readPartitionFile('list_eval_partition.txt', 'a.jpg 0\nb.jpg 1\nc.jpg 2\n');
    for (const p of [csv, txt]) {
      expect([...p.splits]).toEqual([
        ['a.jpg', 'train'],
        ['b.jpg', 'validation'],
        ['c.jpg', 'test'],
      ]);
    }
  });

  it('is told apart from a label file by name or content', () => {
    expect(looksLikePartition('list_eval_partition.csv', 'x')).toBe(true);
    expect(looksLikePartition('split.txt', '000001.jpg 0\n000002.jpg 2\n')).toBe(true);
    expect(looksLikePartition('labels.csv', 'filename,label\na.jpg,0\n')).toBe(false);
  });

  it('counts rows that are not name,0|1|2', () => {
    const p = readPartitionFile('p.csv', 'image_id,partition\na.jpg,0\nb.jpg,7\nc.jpg,1\n');
    expect(p.unreadable).toEqual([3]);
    expect(p.splits.size).toBe(2);
  });
});

describe('label spellings and class names', () => {
  const csv = (column: string, values: string[]) =>
    `filename,${column}\n${values.map((v, i) => `${i}.jpg,${v}`).join('\n')}\n`;

  it.each([
    ['1', '0'],
    ['1.0', '0.0'],
    ['1', '-1'],
    ['+1', '-1'],
    ['TRUE', 'False'],
    ['yes', 'No'],
    ['Y', 'n'],
  ])('reads Male written %s/%s as male/female', (yes, no) => {
    const r = mapped('attrs.csv', csv('Male', [yes, no, yes]));
    expect(r.mapping.classNames).toEqual(['female', 'male']);
    expect(r.refs.map((x) => x.label)).toEqual([1, 0, 1]);
  });

  it('accepts both spellings of one answer in one file', () => {
    const r = mapped('attrs.csv', csv('Male', ['1', '0.0', '1.0', '0', 'maybe']));
    expect(r.mapping.classValues).toEqual([
      ['0.0', '0'],
      ['1', '1.0'],
    ]);
    expect(r.refs.map((x) => x.label)).toEqual([1, 0, 1, 0]);
    expect(r.unreadable).toEqual([{ row: 6, reason: 'label "maybe" is neither class' }]);
  });

  it.each([
    ['is_male', ['female', 'male']],
    ['Female', ['male', 'female']],
    ['Smiling', ['not Smiling', 'Smiling']],
  ])('names the classes of a %s column from its meaning', (column, names) => {
    const table = readLabelFile('attrs.csv', csv(column, ['1', '-1']));
    expect(detectClasses(table, column).classNames).toEqual(names);
  });

  it('does not read 0, -1 and 1 together as two classes', () => {
    const table = readLabelFile('attrs.csv', csv('label', ['1', '0', '-1']));
    expect(() => detectClasses(table, 'label')).toThrow(/exactly two classes; found 3/);
  });
});
