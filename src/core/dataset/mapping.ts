import type { LabelMapping } from '../../domain/dataset.ts';
import type { LabelTable } from './labels.ts';
import { normalizeName } from './nameIndex.ts';
import { isImageName, listSome } from './text.ts';
import type { ImageRef } from './types.ts';

const IMAGE_COLUMN =
  /^(image_id|image|image_name|imagename|filename|file_name|file|img|path|name|id)$/i;
const LABEL_COLUMN = /^(label|labels|class|gender|sex|target|y)$/i;
const FEMALE = ['female', 'f'];
const MALE = ['male', 'm'];

function columnIndex(table: LabelTable, column: string): number {
  return table.columns.indexOf(column);
}

/** Distinct values of a column, compared case-insensitively, first spelling kept. */
export function distinctValues(table: LabelTable, column: string, max = 50): string[] {
  const index = columnIndex(table, column);
  const seen = new Map<string, string>();
  if (index < 0) return [];
  for (const { values } of table.rows) {
    if (values.length !== table.columns.length) continue;
    const value = (values[index] ?? '').trim();
    if (value === '' || seen.has(value.toLowerCase())) continue;
    seen.set(value.toLowerCase(), value);
    if (seen.size > max) break;
  }
  return [...seen.values()];
}

function detectImageColumn(table: LabelTable): string {
  const named = table.columns.find((c) => IMAGE_COLUMN.test(c));
  if (named) return named;
  const sample = table.rows.slice(0, 20);
  const byContent = table.columns.find((_, i) =>
    sample.some((r) => isImageName(r.values[i] ?? '')),
  );
  if (byContent) return byContent;
  throw new Error(
    `No image column in ${table.fileName}: expected a column such as image_id or filename holding names like 000001.jpg; its columns are ${listSome(table.columns, 8)}.`,
  );
}

function detectLabelColumn(table: LabelTable, imageColumn: string): string {
  const male = table.columns.find((c) => c.toLowerCase() === 'male');
  if (male) return male;
  const named = table.columns.find((c) => LABEL_COLUMN.test(c));
  if (named) return named;
  const others = table.columns.filter((c) => c !== imageColumn);
  if (others.length === 1 && others[0] !== undefined) return others[0];
  throw new Error(
    `No label column in ${table.fileName}: expected Male, label, class or gender; its columns are ${listSome(table.columns, 8)}.`,
  );
}

function isGenderColumn(column: string): boolean {
  return /^(male|gender|sex)$/i.test(column);
}

/** Which raw values mean class 0 and class 1, and what the classes are called. */
export function detectClasses(
  table: LabelTable,
  labelColumn: string,
): Pick<LabelMapping, 'classValues' | 'classNames'> {
  const values = distinctValues(table, labelColumn, 2000);
  const lower = values.map((v) => v.toLowerCase());
  const notTwo = (found: string[]) =>
    new Error(
      `Column "${labelColumn}" of ${table.fileName} must hold exactly two classes; found ${found.length}: ${listSome(found)}.`,
    );
  const isNumber = (v: string) => /^[-+]?\d+$/.test(v);
  const female = values.filter((v) => FEMALE.includes(v.toLowerCase()));
  const male = values.filter((v) => MALE.includes(v.toLowerCase()));
  // A stray word among gender words or 0/1 is an unreadable row, not a third class.
  if (female.length > 0 && male.length > 0 && !values.some(isNumber)) {
    return { classValues: [female, male], classNames: ['female', 'male'] };
  }
  const numbers = values.filter(isNumber).sort((a, b) => Number(a) - Number(b));
  const [low = '', high = ''] = numbers;
  if (numbers.length === 2 && (low === '0' || low === '-1') && high === '1') {
    return {
      classValues: [[low], [high]],
      classNames: isGenderColumn(labelColumn) ? ['female', 'male'] : [low, high],
    };
  }
  if (values.length !== 2 || lower.every((v) => FEMALE.includes(v) || MALE.includes(v))) {
    throw notTwo(values);
  }
  const [a = '', b = ''] =
    numbers.length === 2 ? numbers : [...values].sort((x, y) => x.localeCompare(y));
  return { classValues: [[a], [b]], classNames: [a, b] };
}

/** The mapping the studio proposes for a label file; throws a message naming the file and column. */
export function detectMapping(table: LabelTable): LabelMapping {
  const imageColumn = detectImageColumn(table);
  const labelColumn = detectLabelColumn(table, imageColumn);
  return { imageColumn, labelColumn, ...detectClasses(table, labelColumn) };
}

/** Rejects a mapping (usually edited by hand) that cannot be applied to the table. */
export function checkMapping(table: LabelTable, mapping: LabelMapping): void {
  for (const column of [mapping.imageColumn, mapping.labelColumn]) {
    if (columnIndex(table, column) < 0) {
      throw new Error(
        `${table.fileName} has no column "${column}"; its columns are ${listSome(table.columns, 8)}.`,
      );
    }
  }
  if (mapping.imageColumn === mapping.labelColumn) {
    throw new Error(
      `The image column and the label column must differ (both are "${mapping.imageColumn}").`,
    );
  }
  const [zero, one] = mapping.classValues.map((vs) => vs.map((v) => v.trim().toLowerCase()));
  if (!zero?.length || !one?.length) {
    throw new Error(`Each class needs at least one value of column "${mapping.labelColumn}".`);
  }
  const shared = zero.filter((v) => one.includes(v));
  if (shared.length > 0) {
    throw new Error(`The value "${shared[0]}" cannot mean both classes.`);
  }
}

export interface MappedRows {
  refs: ImageRef[];
  /** Rows that could not be read, with why. */
  unreadable: { row: number; reason: string }[];
  /** Images named by more than one row: the first row is kept. */
  duplicateRows: { name: string; row: number }[];
}

/** Turns label rows into image references; every skipped row is kept with its reason. */
export function applyMapping(
  table: LabelTable,
  mapping: LabelMapping,
  rows = table.rows,
): MappedRows {
  const imageIndex = columnIndex(table, mapping.imageColumn);
  const labelIndex = columnIndex(table, mapping.labelColumn);
  const zero = new Set(mapping.classValues[0].map((v) => v.trim().toLowerCase()));
  const one = new Set(mapping.classValues[1].map((v) => v.trim().toLowerCase()));
  const refs: ImageRef[] = [];
  const unreadable: MappedRows['unreadable'] = [];
  const duplicateRows: MappedRows['duplicateRows'] = [];
  const seen = new Set<string>();
  for (const { row, values } of rows) {
    if (values.length !== table.columns.length) {
      unreadable.push({
        row,
        reason: `${values.length} fields where the header has ${table.columns.length}`,
      });
      continue;
    }
    const name = normalizeName(values[imageIndex] ?? '');
    const raw = (values[labelIndex] ?? '').trim();
    if (name === '') {
      unreadable.push({ row, reason: 'no image name' });
      continue;
    }
    const label = zero.has(raw.toLowerCase()) ? 0 : one.has(raw.toLowerCase()) ? 1 : null;
    if (label === null) {
      unreadable.push({ row, reason: `label "${raw}" is neither class` });
      continue;
    }
    if (seen.has(name)) {
      duplicateRows.push({ name, row });
      continue;
    }
    seen.add(name);
    refs.push({ name, label, row });
  }
  return { refs, unreadable, duplicateRows };
}
