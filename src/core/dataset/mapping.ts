import type { LabelMapping } from '../../domain/dataset.ts';
import type { LabelTable } from './labels.ts';
import { normalizeName } from './nameIndex.ts';
import { isImageName, listSome } from './text.ts';
import type { ImageRef } from './types.ts';

const IMAGE_COLUMN =
  /^(image_id|image|image_name|imagename|filename|file_name|file|img|path|name|id)$/i;
const LABEL_COLUMN = /^(label|labels|class|gender|sex|target|y)$/i;

function columnIndex(table: LabelTable, column: string): number {
  return table.columns.indexOf(column);
}

/** Distinct values of a column, compared case-insensitively, first spelling kept. */
export function distinctValues(table: LabelTable, column: string, max = 50): string[] {
  const index = columnIndex(table, column);
  const seen = new Map<string, string>();
  if (index < 0) return [];
  const { rows } = table;
  for (let i = 0; i < rows.length; i++) {
    if (rows.fieldCount(i) !== table.columns.length) continue;
    const value = rows.value(i, index).trim();
    if (value === '' || seen.has(value.toLowerCase())) continue;
    seen.set(value.toLowerCase(), value);
    if (seen.size > max) break;
  }
  return [...seen.values()];
}

function detectImageColumn(table: LabelTable): string {
  const named = table.columns.find((c) => IMAGE_COLUMN.test(c));
  if (named) return named;
  const sample = Math.min(20, table.rows.length);
  const byContent = table.columns.find((_, column) => {
    for (let i = 0; i < sample; i++) if (isImageName(table.rows.value(i, column))) return true;
    return false;
  });
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

const FEMALE_WORDS = new Set(['female', 'f', 'woman', 'w']);
const MALE_WORDS = new Set(['male', 'm', 'man']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n']);
/** Columns whose name says what their "yes" means: 1 in Male is a man, 1 in Female a woman. */
const MALE_COLUMN = /^(is_?)?male$/i;
const FEMALE_COLUMN = /^(is_?)?female$/i;
/** Columns named for a label without saying what it means: their classes keep the values' names. */
const GENERIC_COLUMN = /^(label|labels|class|target|y|gender|sex)$/i;

/** A value read as a yes/no answer: 1, 1.0, +1, true, yes are yes; 0, 0.0, -1, false, no are no. */
function truth(value: string): { yes: boolean; numeric: number | null } | null {
  const lower = value.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { yes: true, numeric: null };
  if (FALSE_WORDS.has(lower)) return { yes: false, numeric: null };
  if (!/^[-+]?\d+(\.0*)?$/.test(value)) return null;
  const n = Number(value);
  if (n === 1) return { yes: true, numeric: 1 };
  return n === 0 || n === -1 ? { yes: false, numeric: n } : null;
}

/** Class names for a yes/no column: from the column's meaning, else from how "no" and "yes" are written. */
function yesNoNames(column: string, no: string[], yes: string[]): [string, string] {
  if (MALE_COLUMN.test(column) || /^(gender|sex)$/i.test(column)) return ['female', 'male'];
  if (FEMALE_COLUMN.test(column)) return ['male', 'female'];
  if (!GENERIC_COLUMN.test(column)) return [`not ${column}`, column];
  const plain = (values: string[], fallback: string) => {
    const word = values.find((v) => !/^[-+\d]/.test(v));
    if (word) return word.toLowerCase();
    const number = values.map(Number).find((n) => Number.isFinite(n));
    return number === undefined ? fallback : String(number);
  };
  return [plain(no, 'no'), plain(yes, 'yes')];
}

/**
 * Which raw values mean class 0 and class 1, and what the classes are called.
 * Gender words (female/male, f/m, any case) and yes/no spellings (1/0,
 * 1.0/0.0, -1/1, true/false, yes/no) are recognised; a stray value among
 * them is an unreadable row, not a third class.
 */
export function detectClasses(
  table: LabelTable,
  labelColumn: string,
): Pick<LabelMapping, 'classValues' | 'classNames'> {
  const values = distinctValues(table, labelColumn, 2000);
  const female = values.filter((v) => FEMALE_WORDS.has(v.toLowerCase()));
  const male = values.filter((v) => MALE_WORDS.has(v.toLowerCase()));
  if (female.length > 0 && male.length > 0 && !values.some((v) => truth(v) !== null)) {
    return { classValues: [female, male], classNames: ['female', 'male'] };
  }
  const yes: string[] = [];
  const no: string[] = [];
  const noNumbers = new Set<number>();
  for (const v of values) {
    const t = truth(v);
    if (!t) continue;
    (t.yes ? yes : no).push(v);
    if (!t.yes && t.numeric !== null) noNumbers.add(t.numeric);
  }
  // 0 and -1 together with 1, or any other number, make more than two classes.
  const otherNumber = values.some((v) => /^[-+]?[\d.]+$/.test(v) && truth(v) === null);
  if (yes.length > 0 && no.length > 0 && noNumbers.size < 2 && !otherNumber) {
    return { classValues: [no, yes], classNames: yesNoNames(labelColumn, no, yes) };
  }
  const lower = values.map((v) => v.toLowerCase());
  if (values.length !== 2 || lower.every((v) => FEMALE_WORDS.has(v) || MALE_WORDS.has(v))) {
    throw new Error(
      `Column "${labelColumn}" of ${table.fileName} must hold exactly two classes; found ${values.length}: ${listSome(values)}. Pick the label column below, or write which values mean each class.`,
    );
  }
  const [a = '', b = ''] = [...values].sort((x, y) => x.localeCompare(y));
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

/** Turns the first `count` label rows into image references; every skipped row is kept with its reason. */
export function applyMapping(
  table: LabelTable,
  mapping: LabelMapping,
  count = table.rows.length,
): MappedRows {
  const imageIndex = columnIndex(table, mapping.imageColumn);
  const labelIndex = columnIndex(table, mapping.labelColumn);
  const zero = new Set(mapping.classValues[0].map((v) => v.trim().toLowerCase()));
  const one = new Set(mapping.classValues[1].map((v) => v.trim().toLowerCase()));
  const refs: ImageRef[] = [];
  const unreadable: MappedRows['unreadable'] = [];
  const duplicateRows: MappedRows['duplicateRows'] = [];
  const seen = new Set<string>();
  const { rows } = table;
  for (let i = 0; i < Math.min(count, rows.length); i++) {
    const row = rows.line(i);
    const fields = rows.fieldCount(i);
    if (fields !== table.columns.length) {
      unreadable.push({
        row,
        reason: `${fields} fields where the header has ${table.columns.length}`,
      });
      continue;
    }
    const name = normalizeName(rows.value(i, imageIndex));
    const raw = rows.value(i, labelIndex).trim();
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
