import { type DatasetFile, makeYielder, type Progress, readRange } from './files.ts';
import { chunks, probeHeads } from './headerProbe.ts';
import { HEAD_BYTES } from './imageFormats.ts';
import { ImageCollector, type ImageIndex } from './imageIndex.ts';

/** A file found in a dropped or chosen folder, with its path inside that folder. */
export interface FolderFile {
  file: DatasetFile;
  /** "img_align_celeba/000001.jpg": the folder's own name first. */
  path: string;
}

/** The folder's name: the deepest folder all its files share ("celeba/img_align_celeba"). */
export function folderName(files: readonly FolderFile[]): string {
  let common: string[] | null = null;
  for (const { path } of files) {
    const folders = path.split('/').slice(0, -1);
    if (common === null) common = folders;
    else {
      let same = 0;
      while (same < common.length && common[same] === folders[same]) same++;
      common.length = same;
    }
    if (common.length <= 1) break;
  }
  return common && common.length > 0 ? common.join('/') : (files[0]?.path.split('/')[0] ?? '');
}

/** Files whose first bytes are read at once, per lane of the header check (64 in flight in all). */
const FILES_AT_ONCE = 4;

/**
 * Indexes a folder's files like a zip's entries: nothing is read until an
 * image is needed (a `File` is a handle to the bytes on disk), but its first
 * bytes, which tell whether the decoder can read it.
 */
export async function indexFolder(
  files: readonly FolderFile[],
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<ImageIndex> {
  const name = folderName(files);
  const stage = `Indexing folder ${name}`;
  const collector = new ImageCollector();
  /** The file of each kept image, by slot. */
  const images: DatasetFile[] = [];
  const pause = makeYielder();
  let bytes = 0;
  for (const [i, { file, path }] of files.entries()) {
    const slot = collector.add(path, file.size);
    if (slot >= 0) images[slot] = file;
    bytes += file.size;
    if (i % 2000 === 0) {
      onProgress(stage, i, files.length);
      await pause(signal);
    }
  }
  signal?.throwIfAborted();
  onProgress(stage, files.length, files.length);
  await probeHeads(
    chunks(collector.entries, FILES_AT_ONCE),
    (slots) =>
      Promise.all(slots.map((slot) => readRange(images[slot] as DatasetFile, 0, HEAD_BYTES))),
    (path, why) => collector.exclude(path, why),
    { stage: `Checking image headers in ${name}`, total: collector.entries.size, onProgress },
    signal,
  );
  return collector.finish(name, 'folder', bytes, (slot, path) => {
    const file = images[slot] as DatasetFile;
    return { kind: 'file', file, path, size: file.size };
  });
}
