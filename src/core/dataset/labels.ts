import type { LabelFormat } from '../../domain/dataset.ts';
import { LabelRows } from './labelRows.ts';
import { basename, isImageName } from './text.ts';
import type { TextEncoding } from './textEncoding.ts';
import {
  contentWatch,
  csvReader,
  feed,
  firstLines,
  headOf,
  lineReader,
  spacedFields,
  type Text,
  type TextSink,
} from './textRecords.ts';

/** A label file read into columns and rows; nothing is interpreted yet. */
export interface LabelTable {
  fileName: string;
  format: LabelFormat;
  columns: string[];
  /** The data rows, in file order. */
  rows: LabelRows;
  /** The text encoding the file was read in (set by the loader). */
  encoding?: TextEncoding;
}

/** Name given to the image column of the CelebA .txt files, which leave it unnamed. */
export const TXT_IMAGE_COLUMN = 'image_id';

const CELEBA_FILE_NAME = /^\d{6}\.(jpe?g|png)$/i;

/**
 * CelebA's .txt layout: line 1 the image count, line 2 the attribute names,
 * then `name v1 v2 …` separated by runs of spaces.
 */
function isCelebaTxt(head: string): boolean {
  const lines = firstLines(head, 2);
  const count = (lines[0] ?? '').trim();
  const names = (lines[1] ?? '').trim().split(/\s+/);
  return /^\d+$/.test(count) && names.length > 0 && names.every((n) => /[A-Za-z_]/.test(n));
}

function celebaTxtReader(fileName: string, head: string): TextSink<LabelTable> {
  const names = spacedFields(firstLines(head, 2)[1] ?? '');
  const rows = new LabelRows(names.length + 1);
  const lines = lineReader((line, number) => {
    if (number <= 2) return;
    const fields = spacedFields(line);
    if (fields.length > 0) rows.add(number, fields);
  });
  return {
    push: (piece) => lines.push(piece),
    end() {
      lines.end();
      const firstImage = rows.length > 0 ? rows.value(0, 0) : '';
      // CelebA-HQ names its images 0.jpg … 29999.jpg; the official file uses 000001.jpg.
      const hq = /celebamask-hq/i.test(fileName) || !CELEBA_FILE_NAME.test(basename(firstImage));
      return {
        fileName,
        format: hq ? 'celeba-hq-txt' : 'celeba-txt',
        columns: [TXT_IMAGE_COLUMN, ...names],
        rows: rows.seal(),
      };
    },
  };
}

function csvLabelReader(fileName: string): TextSink<LabelTable> {
  // Empty lines are skipped here, not by papaparse, so row numbers stay file line numbers.
  let columns: string[] | null = null;
  let rows: LabelRows | null = null;
  const records = csvReader((fields, number) => {
    if (fields.every((v) => v.trim() === '')) return;
    const trimmed = fields.map((v) => v.trim());
    if (!columns || !rows) {
      columns = trimmed;
      rows = new LabelRows(columns.length);
    } else rows.add(number, trimmed);
  });
  return {
    push: (piece) => records.push(piece),
    end() {
      records.end();
      if (!columns || !rows) throw new Error(`${fileName} is empty: it has no header and no rows.`);
      const lower = (columns as string[]).map((c) => c.toLowerCase());
      const kaggle = lower.includes('image_id') && lower.includes('male');
      return {
        fileName,
        format: kaggle ? 'kaggle-csv' : 'plain-csv',
        columns,
        rows: (rows as LabelRows).seal(),
      };
    },
  };
}

/**
 * Reads any supported label file from its text given in pieces; the format
 * is detected from `head`, the text's start (see `headOf`).
 */
export function labelFileReader(fileName: string, head: string): TextSink<LabelTable> {
  const content = contentWatch();
  const reader = isCelebaTxt(head) ? celebaTxtReader(fileName, head) : csvLabelReader(fileName);
  return {
    push(piece) {
      content.see(piece);
      reader.push(piece);
    },
    end() {
      if (!content.seen) throw new Error(`${fileName} is empty: it has no header and no rows.`);
      const table = reader.end();
      if (table.rows.length === 0) throw new Error(`${fileName} has a header but no rows.`);
      return table;
    },
  };
}

/** Reads any supported label file, whole or in pieces; the format is detected from its content. */
export function readLabelFile(fileName: string, text: Text): LabelTable {
  return feed(labelFileReader(fileName, headOf(text)), text);
}

/** True when some column of the first rows holds image file names. */
export function hasImageNames(table: LabelTable): boolean {
  const { rows } = table;
  for (let i = 0; i < Math.min(20, rows.length); i++) {
    if (rows.values(i).some((v) => isImageName(v))) return true;
  }
  return false;
}
