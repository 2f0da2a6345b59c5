import {
  type DatasetProblem,
  type LabelMapping,
  type LimitRule,
  SPLIT_NAMES,
  type SplitOptions,
  type SplitSummary,
} from '../../protocol/dataset.ts';
import type { LabelTable } from './labels.ts';
import { limitSplits } from './limit.ts';
import {
  applyMapping,
  checkMapping,
  detectClasses,
  detectMapping,
  distinctValues,
} from './mapping.ts';
import type { PartitionTable } from './partition.ts';
import { partitionSplit, type Splits, stratifiedSplit } from './split.ts';
import { basename, listSome } from './text.ts';
import type { ImageRef, LoadedDataset } from './types.ts';
import type { ZipIndex } from './zipIndex.ts';

/** Everything read from the dropped files; kept so the mapping and split can change without re-reading. */
export interface IndexedFiles {
  labels: LabelTable;
  partition: PartitionTable | null;
  zip: ZipIndex;
  synthetic: boolean;
  /** Text files that were neither the label file nor the partition file, with why. */
  ignoredFiles: string[];
  indexMillis: number;
}

/** Examples shown with each problem. */
const EXAMPLES = 5;

function problem(
  kind: DatasetProblem['kind'],
  items: readonly string[],
  message: string,
): DatasetProblem[] {
  return items.length === 0
    ? []
    : [{ kind, count: items.length, examples: items.slice(0, EXAMPLES), message }];
}

/** No mapping: detect it all; a mapping without class values: detect those for its label column. */
function resolveMapping(labels: LabelTable, requested: LabelMapping | null): LabelMapping {
  if (!requested) return detectMapping(labels);
  const [zero, one] = requested.classValues;
  if (zero.length > 0 || one.length > 0) return requested;
  if (!labels.columns.includes(requested.labelColumn)) {
    checkMapping(labels, requested);
  }
  return { ...requested, ...detectClasses(labels, requested.labelColumn) };
}

function checkLimit(limit: number | null): void {
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) {
    throw new Error(`"Limit images" must be a whole number of at least 1; it is ${limit}.`);
  }
}

function summarizeSplits(splits: Splits): SplitSummary[] {
  return SPLIT_NAMES.map((name) => {
    const refs = splits[name];
    const males = refs.reduce((n, r) => n + r.label, 0);
    return { name, count: refs.length, classCounts: [refs.length - males, males] };
  });
}

/**
 * Applies a mapping (or the detected one) and split options to indexed files:
 * matches rows to zip images, splits, and lists every problem with its count.
 * Throws a message naming the file or column when no dataset can be made.
 */
export function buildDataset(
  indexed: IndexedFiles,
  requested: LabelMapping | null,
  options: SplitOptions,
): LoadedDataset {
  const { labels, zip, partition } = indexed;
  const mapping = resolveMapping(labels, requested);
  checkMapping(labels, mapping);
  checkLimit(options.limit);
  // With a partition file the limit is drawn from each split after partitioning; without one it keeps the first rows.
  const firstRows = options.limit !== null && partition === null;
  const rows = firstRows ? labels.rows.slice(0, options.limit ?? undefined) : labels.rows;
  const mapped = applyMapping(labels, mapping, rows);

  const present: ImageRef[] = [];
  const missing: ImageRef[] = [];
  for (const ref of mapped.refs) (zip.source.has(ref.name) ? present : missing).push(ref);
  if (present.length === 0) {
    const example = mapped.refs[0];
    throw new Error(
      `No image is in both ${labels.fileName} and ${zip.fileName}: ` +
        (example
          ? `row ${example.row} names ${example.name}, but the zip holds ${zip.entries.size === 0 ? 'no images' : listSome([...zip.entries.keys()], 3)}.`
          : `no row of ${labels.fileName} could be read.`),
    );
  }
  const classesPresent = new Set(present.map((r) => r.label));
  if (classesPresent.size < 2) {
    const only = mapping.classNames[present[0]?.label ?? 0];
    throw new Error(
      `Column "${mapping.labelColumn}" of ${labels.fileName} gives only one class (${only}) to the images found in ${zip.fileName}; two are needed.`,
    );
  }

  const imageIndex = labels.columns.indexOf(mapping.imageColumn);
  const named = new Set(labels.rows.map((r) => basename(r.values[imageIndex] ?? '')));
  const unlabelled = [...zip.entries.keys()].filter((name) => !named.has(name));

  let splits: Splits;
  let unassigned: ImageRef[] = [];
  let limitRule: LimitRule | null = null;
  if (partition) {
    ({ splits, unassigned } = partitionSplit(present, partition));
    if (options.limit !== null) {
      const of = splits.train.length + splits.validation.length + splits.test.length;
      splits = limitSplits(splits, options.limit, options.seed);
      limitRule = { kind: 'partition-share', limit: options.limit, of };
    }
  } else {
    splits = stratifiedSplit(present, options);
    if (options.limit !== null) {
      limitRule = { kind: 'first-rows', limit: options.limit, of: labels.rows.length };
    }
  }

  const problems: DatasetProblem[] = [
    ...problem(
      'missing-image',
      missing.map((r) => `${r.name} (row ${r.row})`),
      `${missing.length} rows of ${labels.fileName} name images that are not in ${zip.fileName}; they were skipped.`,
    ),
    ...problem(
      'unlabelled-image',
      unlabelled,
      `${unlabelled.length} images in ${zip.fileName} have no row in ${labels.fileName}; they were skipped.`,
    ),
    ...problem(
      'unreadable-row',
      mapped.unreadable.map((u) => `row ${u.row}: ${u.reason}`),
      `${mapped.unreadable.length} rows of ${labels.fileName} could not be read (rows ${listSome(
        mapped.unreadable.map((u) => String(u.row)),
      )}); they were skipped.`,
    ),
    ...problem(
      'duplicate-row',
      mapped.duplicateRows.map((d) => `${d.name} (row ${d.row})`),
      `${mapped.duplicateRows.length} rows of ${labels.fileName} repeat an image named by an earlier row; the earlier row was used.`,
    ),
    ...problem(
      'duplicate-name',
      zip.duplicates,
      `${zip.duplicates.length} image names occur more than once in ${zip.fileName}; the first of each was used.`,
    ),
    ...problem(
      'refused-entry',
      zip.refused,
      `${zip.refused.length} entries of ${zip.fileName} are over 20 MB and were refused.`,
    ),
    ...problem(
      'ignored-entry',
      zip.ignored,
      `${zip.ignored.length} entries of ${zip.fileName} are not JPEG or PNG images (or are macOS metadata) and were ignored.`,
    ),
    ...problem(
      'ignored-entry',
      indexed.ignoredFiles,
      `${indexed.ignoredFiles.length} dropped files were not used as the label file.`,
    ),
  ];
  if (partition) {
    problems.push(
      ...problem(
        'unpartitioned-image',
        unassigned.map((r) => r.name),
        `${unassigned.length} images have no row in ${partition.fileName}; they are in no split.`,
      ),
      ...problem(
        'unreadable-row',
        partition.unreadable.map((row) => `row ${row}`),
        `${partition.unreadable.length} rows of ${partition.fileName} could not be read (rows ${listSome(
          partition.unreadable.map(String),
        )}); they were skipped.`,
      ),
    );
  }

  return {
    classNames: mapping.classNames,
    splits,
    source: zip.source,
    summary: {
      labelFile: {
        name: labels.fileName,
        format: labels.format,
        rows: labels.rows.length,
        columns: labels.columns,
      },
      zipFile: { name: zip.fileName, images: zip.entries.size, bytes: zip.bytes },
      partitionFile: partition?.fileName ?? null,
      splitSource: partition ? 'partition-file' : 'seeded',
      limitRule,
      mapping,
      labelValues: distinctValues(labels, mapping.labelColumn),
      splits: summarizeSplits(splits),
      problems,
      options,
      synthetic: indexed.synthetic,
      indexMillis: indexed.indexMillis,
    },
  };
}
