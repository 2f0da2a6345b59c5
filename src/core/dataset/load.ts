import type { SplitOptions } from '../../domain/dataset.ts';
import { buildDataset, type IndexedFiles } from './build.ts';
import type { DatasetFile, Progress } from './files.ts';
import { type FolderFile, indexFolder } from './folderIndex.ts';
import { hasImageNames, type LabelTable, labelFileReader } from './labels.ts';
import { detectMapping } from './mapping.ts';
import { looksLikePartition, type PartitionTable, partitionFileReader } from './partition.ts';
import { listSome } from './text.ts';
import { encodingNotice, readTextFile } from './textEncoding.ts';
import type { TextSink } from './textRecords.ts';
import type { LoadedDataset } from './types.ts';
import { indexZip } from './zipIndex.ts';

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** Picks the label file among the text files that are not partitions; others are reported as ignored. */
function chooseLabels(
  candidates: LabelTable[],
  errors: Map<string, string>,
): { labels: LabelTable; ignored: string[] } {
  const usable = candidates.filter((table) => {
    try {
      detectMapping(table);
      return true;
    } catch (error) {
      errors.set(table.fileName, error instanceof Error ? error.message : String(error));
      return false;
    }
  });
  const [first] = candidates;
  if (usable.length === 0 && first) {
    // One file whose columns were not recognised is still the label file: its columns are picked by hand.
    if (candidates.length === 1) return { labels: first, ignored: [] };
    throw new Error(
      `None of ${candidates.map((c) => c.fileName).join(', ')} is a label file: ${[...errors.values()].join(' ')}`,
    );
  }
  if (usable.length > 1) {
    throw new Error(
      `Drop one label file: ${usable.map((t) => t.fileName).join(' and ')} both have an image and a label column.`,
    );
  }
  const labels = usable[0] as LabelTable;
  const ignored = candidates
    .filter((c) => c !== labels)
    .map((c) => `${c.fileName} (${errors.get(c.fileName) ?? 'not used'})`);
  return { labels, ignored };
}

/** Reads a dropped text as a partition file or a label file, as its start shows. */
function textFileReader(fileName: string, head: string): TextSink<PartitionTable | LabelTable> {
  return looksLikePartition(fileName, head)
    ? partitionFileReader(fileName, head)
    : labelFileReader(fileName, head);
}

export interface IndexOptions {
  synthetic?: boolean;
  /** Each file's path inside a dropped folder ("img_align_celeba/000001.jpg"); '' for a file dropped alone. */
  paths?: readonly string[];
  /** Aborts the load (a newer drop, the Cancel button); the promise then rejects with its reason. */
  signal?: AbortSignal;
}

interface Sorted {
  zips: DatasetFile[];
  texts: DatasetFile[];
  folder: FolderFile[];
}

/** Zips, label/partition texts (alone or in a folder), and a folder's other files. */
function sortFiles(files: readonly DatasetFile[], paths: readonly string[] = []): Sorted {
  const sorted: Sorted = { zips: [], texts: [], folder: [] };
  for (const [i, file] of files.entries()) {
    const path = paths[i] ?? '';
    const inFolder = path.includes('/');
    const ext = extension(file.name);
    if (ext === 'csv' || ext === 'txt') sorted.texts.push(file);
    else if (inFolder) sorted.folder.push({ file, path });
    else if (ext === 'zip') sorted.zips.push(file);
    else throw new Error(`${file.name} is not a .zip, .csv or .txt file.`);
  }
  return sorted;
}

function checkSources({ zips, texts, folder }: Sorted): void {
  if (texts.length === 0) {
    throw new Error(
      'No label file: drop a .csv or .txt with one row per image (such as list_attr_celeba.csv) with the zip or folder.',
    );
  }
  if (zips.length === 0 && folder.length === 0) {
    throw new Error(
      'No image zip: drop the .zip that holds the images (such as img_align_celeba.zip), or their folder, with the label file.',
    );
  }
  if (zips.length > 1) {
    throw new Error(`Drop one image zip: got ${listSome(zips.map((z) => z.name))}.`);
  }
  if (zips.length > 0 && folder.length > 0) {
    throw new Error(
      `Drop one image zip or one folder, not both: got ${zips[0]?.name} and the folder ${folder[0]?.path.split('/')[0]}.`,
    );
  }
}

/**
 * Reads the dropped files: the zip's directory or the folder's listing
 * (images are read later, one by one), then the label file and a partition
 * file, if any, each parsed as it is read. In this order the label rows are
 * read into memory the directory's reading has already made the worker
 * take, so a CelebA-sized load peaks lower than the other way round.
 */
export async function indexFiles(
  files: readonly DatasetFile[],
  onProgress: Progress,
  { synthetic = false, paths, signal }: IndexOptions = {},
): Promise<IndexedFiles> {
  const started = performance.now();
  const sorted = sortFiles(files, paths);
  checkSources(sorted);
  const { zips, texts, folder } = sorted;

  const [zipFile] = zips;
  const zip = zipFile
    ? await indexZip(zipFile, onProgress, signal)
    : await indexFolder(folder, onProgress, signal);
  const partitions: PartitionTable[] = [];
  const candidates: LabelTable[] = [];
  const errors = new Map<string, string>();
  const notices: string[] = [];
  for (const [i, file] of texts.entries()) {
    onProgress(`Reading ${file.name}`, i, texts.length);
    const read = await readTextFile(file, (head) => textFileReader(file.name, head));
    signal?.throwIfAborted();
    const notice = encodingNotice(file.name, read);
    if (notice) notices.push(notice);
    if ('splits' in read.result) {
      partitions.push(read.result);
      continue;
    }
    const table = { ...read.result, encoding: read.encoding };
    if (hasImageNames(table) || texts.length === 1) candidates.push(table);
    else errors.set(file.name, `${file.name} names no images.`);
  }
  if (partitions.length > 1) {
    throw new Error(
      `Drop one partition file: got ${partitions.map((p) => p.fileName).join(' and ')}.`,
    );
  }
  if (candidates.length === 0) {
    throw new Error(
      `No label file: ${listSome(texts.map((t) => t.name))} ${texts.length === 1 ? 'is' : 'are'} not a label file with one row per image.`,
    );
  }
  const { labels, ignored } = chooseLabels(candidates, errors);
  return {
    labels,
    partition: partitions[0] ?? null,
    zip,
    synthetic,
    ignoredFiles: ignored,
    encodingNotices: notices,
    indexMillis: Math.round(performance.now() - started),
  };
}

/** The files were read, but which columns hold the names and the labels must be picked by hand. */
export class NeedsMapping extends Error {
  constructor(
    message: string,
    readonly indexed: IndexedFiles,
  ) {
    super(message);
    this.name = 'NeedsMapping';
  }
}

/** Reads, matches and splits the dropped files in one go. */
export async function loadDataset(
  files: readonly DatasetFile[],
  split: SplitOptions,
  onProgress: Progress,
  options: IndexOptions = {},
): Promise<{ indexed: IndexedFiles; dataset: LoadedDataset }> {
  const indexed = await indexFiles(files, onProgress, options);
  try {
    detectMapping(indexed.labels);
  } catch (error) {
    throw new NeedsMapping(error instanceof Error ? error.message : String(error), indexed);
  }
  return { indexed, dataset: buildDataset(indexed, null, split) };
}
