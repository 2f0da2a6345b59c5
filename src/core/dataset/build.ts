import {
  type DatasetProblem,
  type LabelMapping,
  type LimitRule,
  SPLIT_NAMES,
  type SplitOptions,
  type SplitSummary,
} from '../../domain/dataset.ts';
import { smallSplits } from '../../domain/splitSizes.ts';
import type { LabelTable } from './labels.ts';
import { limitSplits } from './limit.ts';
import {
  applyMapping,
  checkMapping,
  detectClasses,
  detectMapping,
  distinctValues,
} from './mapping.ts';
import { lastSegment } from './nameIndex.ts';
import type { PartitionTable } from './partition.ts';
import { partitionSplit, type Splits, stratifiedSplit } from './split.ts';
import { listSome } from './text.ts';
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
  /** Text files whose encoding was a guess, one sentence each. */
  encodingNotices: string[];
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

/** "a WebP image: convert to JPEG or PNG (3)": each kind of unusable file once, with its count. */
function unusableKinds(refs: readonly ImageRef[], zip: ZipIndex): string {
  const counts = new Map<string, number>();
  for (const r of refs) {
    const why = zip.unusable.get(lastSegment(r.name)) ?? '';
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  return [...counts].map(([why, n]) => `${why} (${n})`).join('; ');
}

/** Sorts rows by whether the zip holds their image: found, missing, or held in several folders. */
function matchRefs(refs: readonly ImageRef[], zip: ZipIndex) {
  const present: ImageRef[] = [];
  const missing: ImageRef[] = [];
  const ambiguous: ImageRef[] = [];
  for (const ref of refs) {
    const { kind } = zip.names.match(ref.name);
    (kind === 'found' ? present : kind === 'ambiguous' ? ambiguous : missing).push(ref);
  }
  return { present, missing, ambiguous };
}

function noMatchReason(
  refs: readonly ImageRef[],
  ambiguous: readonly ImageRef[],
  zip: ZipIndex,
  labelFile: string,
): string {
  const [example] = refs;
  if (!example) return `no row of ${labelFile} could be read.`;
  if (ambiguous.length > 0) {
    return `every name is held in several folders of the zip; write the folder in each row, such as ${exampleWithFolder(ambiguous, zip)}.`;
  }
  const held = zip.names.size === 0 ? 'no images' : listSome(firstPaths(zip, 3), 3);
  return `row ${example.row} names ${example.name}, but the zip holds ${held}.`;
}

function firstPaths(zip: ZipIndex, count: number): string[] {
  const out: string[] = [];
  for (const path of zip.names.paths()) {
    if (out.length === count) break;
    out.push(lastSegment(path));
  }
  return out;
}

/** "female/001.jpg": the shortest path that tells apart the first ambiguous row's image. */
function exampleWithFolder(ambiguous: readonly ImageRef[], zip: ZipIndex): string {
  const first = ambiguous[0];
  const match = first ? zip.names.match(first.name) : null;
  const path = match?.kind === 'ambiguous' ? (match.paths[0] ?? '') : '';
  const parts = path.split('/');
  return parts.slice(-2).join('/') || 'folder/name.jpg';
}

/** Zip paths no row of the label file names (rows held in several folders count as naming theirs). */
function unnamedPaths(labels: LabelTable, imageColumn: string, zip: ZipIndex): string[] {
  const imageIndex = labels.columns.indexOf(imageColumn);
  // Named images are marked by slot: a set of 200,000 paths would be garbage as soon as this ends.
  let slots = 0;
  for (const slot of zip.entries.values()) slots = Math.max(slots, slot + 1);
  const named = new Uint8Array(slots);
  const mark = (path: string) => {
    const slot = zip.entries.get(path);
    if (slot !== undefined) named[slot] = 1;
  };
  for (let i = 0; i < labels.rows.length; i++) {
    const match = zip.names.match(labels.rows.value(i, imageIndex));
    if (match.kind === 'found') mark(match.path);
    else if (match.kind === 'ambiguous') for (const path of match.paths) mark(path);
  }
  const out: string[] = [];
  for (const [path, slot] of zip.entries) if (named[slot] !== 1) out.push(lastSegment(path));
  return out;
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
  const rows = firstRows ? (options.limit ?? labels.rows.length) : labels.rows.length;
  const mapped = applyMapping(labels, mapping, rows);

  const { present, missing: notFound, ambiguous } = matchRefs(mapped.refs, zip);
  // Rows naming a WebP, a nested zip or an empty file: say what it is, not that it is missing.
  const unusable = notFound.filter((r) => zip.unusable.has(lastSegment(r.name)));
  const missing = notFound.filter((r) => !zip.unusable.has(lastSegment(r.name)));
  if (present.length === 0) {
    throw new Error(
      `No image is in both ${labels.fileName} and ${zip.fileName}: ${noMatchReason(mapped.refs, ambiguous, zip, labels.fileName)}`,
    );
  }
  const classesPresent = new Set(present.map((r) => r.label));
  if (classesPresent.size < 2) {
    const only = mapping.classNames[present[0]?.label ?? 0];
    throw new Error(
      `Column "${mapping.labelColumn}" of ${labels.fileName} gives only one class (${only}) to the images found in ${zip.fileName}; two are needed.`,
    );
  }

  const unlabelled = unnamedPaths(labels, mapping.imageColumn, zip);
  const collisions = [...zip.names.collisions()].map(
    ([base, paths]) => `${base} (${paths.length}: ${listSome(paths, 3)})`,
  );

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
      'unreadable-format',
      unusable.map((r) => `${r.name}: ${zip.unusable.get(lastSegment(r.name))} (row ${r.row})`),
      `${unusable.length} rows of ${labels.fileName} name files of ${zip.fileName} that are not JPEG or PNG images (${unusableKinds(unusable, zip)}); they were skipped.`,
    ),
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
      'ambiguous-name',
      ambiguous.map((r) => `${r.name} (row ${r.row})`),
      `${ambiguous.length} rows of ${labels.fileName} name an image only by a file name that ${zip.fileName} holds in several folders; they were skipped. Write the folder in the row, such as ${exampleWithFolder(ambiguous, zip)}.`,
    ),
    ...problem(
      'name-collision',
      collisions,
      `${collisions.length} file names occur in more than one folder of ${zip.fileName}; rows that name the folder were matched by path, others by file name only where it is unique.`,
    ),
    ...problem(
      'duplicate-name',
      zip.duplicates,
      `${zip.duplicates.length} paths occur more than once in ${zip.fileName}; the first of each was used.`,
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
    ...indexed.encodingNotices.map(
      (message): DatasetProblem => ({ kind: 'text-encoding', count: 1, examples: [], message }),
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

  const splitSummaries = summarizeSplits(splits);
  const small = smallSplits(splitSummaries, partition !== null);
  // First in the list: these block training, the rest only count what was skipped.
  problems.unshift(
    ...small.map(
      (message): DatasetProblem => ({ kind: 'small-split', count: 1, examples: [], message }),
    ),
  );

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
        encoding: labels.encoding ?? 'UTF-8',
      },
      zipFile: {
        name: zip.fileName,
        images: zip.names.size,
        bytes: zip.bytes,
        nameEncoding: zip.nameEncoding,
      },
      partitionFile: partition?.fileName ?? null,
      splitSource: partition ? 'partition-file' : 'seeded',
      limitRule,
      mapping,
      labelValues: distinctValues(labels, mapping.labelColumn),
      splits: splitSummaries,
      problems,
      options,
      synthetic: indexed.synthetic,
      indexMillis: indexed.indexMillis,
    },
  };
}
