import Papa from 'papaparse';
import type { LabelFormat } from '../../domain/dataset.ts';
import { basename, isImageName } from './text.ts';
import type { TextEncoding } from './textEncoding.ts';

/** One data row of a label file, as written; `row` is its 1-based line. */
export interface LabelRow {
  row: number;
  values: string[];
}

/** A label file read into columns and rows; nothing is interpreted yet. */
export interface LabelTable {
  fileName: string;
  format: LabelFormat;
  columns: string[];
  rows: LabelRow[];
  /** The text encoding the file was read in (set by the loader). */
  encoding?: TextEncoding;
}

/** Name given to the image column of the CelebA .txt files, which leave it unnamed. */
export const TXT_IMAGE_COLUMN = 'image_id';

const CELEBA_FILE_NAME = /^\d{6}\.(jpe?g|png)$/i;

/**
 * Shares one string per distinct short value ("-1", "1", "0"): CelebA's
 * 202,599 rows × 41 columns would otherwise hold 8 million small strings
 * (about 250 MB); shared, the rows cost a pointer per cell.
 */
function interner(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    if (value.length > 8) return value;
    const shared = seen.get(value);
    if (shared !== undefined) return shared;
    seen.set(value, value);
    return value;
  };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  return lines;
}

/**
 * CelebA's .txt layout: line 1 the image count, line 2 the attribute names,
 * then `name v1 v2 …` separated by runs of spaces.
 */
function isCelebaTxt(lines: string[]): boolean {
  const count = (lines[0] ?? '').trim();
  const names = (lines[1] ?? '').trim().split(/\s+/);
  return /^\d+$/.test(count) && names.length > 0 && names.every((n) => /[A-Za-z_]/.test(n));
}

function readCelebaTxt(fileName: string, lines: string[]): LabelTable {
  const names = (lines[1] ?? '').trim().split(/\s+/);
  const rows: LabelRow[] = [];
  const shared = interner();
  for (let i = 2; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    rows.push({ row: i + 1, values: line.split(/\s+/).map(shared) });
  }
  const firstImage = rows[0]?.values[0] ?? '';
  // CelebA-HQ names its images 0.jpg … 29999.jpg; the official file uses 000001.jpg.
  const hq = /celebamask-hq/i.test(fileName) || !CELEBA_FILE_NAME.test(basename(firstImage));
  return {
    fileName,
    format: hq ? 'celeba-hq-txt' : 'celeba-txt',
    columns: [TXT_IMAGE_COLUMN, ...names],
    rows,
  };
}

function readCsv(fileName: string, text: string): LabelTable {
  // Empty lines are dropped here, not by papaparse, so row numbers stay file line numbers.
  // One newline style, or papaparse takes the first line's ending for the whole file.
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((v) => v.trim() !== ''));
  if (headerIndex < 0) throw new Error(`${fileName} is empty: it has no header and no rows.`);
  const columns = (records[headerIndex] ?? []).map((c) => c.trim());
  const rows: LabelRow[] = [];
  const shared = interner();
  for (let i = headerIndex + 1; i < records.length; i++) {
    const values = records[i] ?? [];
    if (values.every((v) => v.trim() === '')) continue;
    rows.push({ row: i + 1, values: values.map((v) => shared(v.trim())) });
  }
  const lower = columns.map((c) => c.toLowerCase());
  const kaggle = lower.includes('image_id') && lower.includes('male');
  return { fileName, format: kaggle ? 'kaggle-csv' : 'plain-csv', columns, rows };
}

/** Reads any supported label file; the format is detected from its content. */
export function readLabelFile(fileName: string, text: string): LabelTable {
  const lines = splitLines(text);
  if (lines.length === 0) throw new Error(`${fileName} is empty: it has no header and no rows.`);
  const table = isCelebaTxt(lines) ? readCelebaTxt(fileName, lines) : readCsv(fileName, text);
  if (table.rows.length === 0) throw new Error(`${fileName} has a header but no rows.`);
  return table;
}

/** True when some column of the first rows holds image file names. */
export function hasImageNames(table: LabelTable): boolean {
  return table.rows.slice(0, 20).some((r) => r.values.some((v) => isImageName(v)));
}
