import type { SplitName } from '../../domain/dataset.ts';
import { ownString } from './labelRows.ts';
import { lastSegment, normalizeName } from './nameIndex.ts';
import { isImageName } from './text.ts';
import {
  csvReader,
  feed,
  headOf,
  lineReader,
  spacedFields,
  type Text,
  type TextSink,
} from './textRecords.ts';

/** CelebA's list_eval_partition: 0 train, 1 validation, 2 test. */
export const PARTITION_SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];

export interface PartitionTable {
  fileName: string;
  /** Image name (normalized, as the file writes it) → split. */
  splits: Map<string, SplitName>;
  /** Rows that are not `name 0|1|2`, by line number. */
  unreadable: number[];
}

const PARTITION_HEADER = /partition|split|eval/i;

/**
 * Reads records from a text given in pieces, calling `each` with every
 * record's trimmed fields ([] for a blank one) and its 1-based number.
 */
function recordReader(head: string, each: (fields: string[], number: number) => void) {
  // The .txt uses spaces, the Kaggle .csv commas; both are two fields per line.
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(','))
    return lineReader((line, number) => each(spacedFields(line), number));
  return csvReader((fields, number) =>
    each(fields.every((v) => v.trim() === '') ? [] : fields.map((v) => v.trim()), number),
  );
}

function records(text: string): string[][] {
  const out: string[][] = [];
  feed(
    recordReader(text, (fields) => out.push(fields)),
    text,
  );
  return out;
}

/** Whether a dropped .csv/.txt is a partition file rather than a label file. */
export function looksLikePartition(fileName: string, text: Text): boolean {
  if (/partition/i.test(fileName)) return true;
  const first = records(headOf(text, 4096).slice(0, 4096)).find((r) => r.length > 0) ?? [];
  if (first.length !== 2) return false;
  const [name = '', value = ''] = first;
  return PARTITION_HEADER.test(value) || (isImageName(name) && /^[012]$/.test(value));
}

/** Reads a partition file from its text given in pieces; `head` is the text's start (see `headOf`). */
export function partitionFileReader(fileName: string, head: string): TextSink<PartitionTable> {
  const splits = new Map<string, SplitName>();
  const unreadable: number[] = [];
  let sawData = false;
  const reader = recordReader(head, (values, number) => {
    if (values.length === 0) return;
    const [name = '', value = ''] = values;
    const split = /^[012]$/.test(value) ? PARTITION_SPLITS[Number(value)] : undefined;
    if (!sawData && !split && PARTITION_HEADER.test(value)) return; // the header line
    sawData = true;
    if (values.length !== 2 || !split || name === '') {
      unreadable.push(number);
      return;
    }
    splits.set(ownString(normalizeName(name)), split);
  });
  return {
    push: (piece) => reader.push(piece),
    end() {
      reader.end();
      if (splits.size === 0) {
        throw new Error(
          `${fileName} has no rows of the form "image,partition" with partition 0, 1 or 2.`,
        );
      }
      return { fileName, splits, unreadable };
    },
  };
}

export function readPartitionFile(fileName: string, text: Text): PartitionTable {
  return feed(partitionFileReader(fileName, headOf(text)), text);
}

/** The split a partition file gives an image named as a label row names it: by path, else by file name. */
export function partitionOf(partition: PartitionTable, name: string): SplitName | undefined {
  return partition.splits.get(name) ?? partition.splits.get(lastSegment(name));
}
