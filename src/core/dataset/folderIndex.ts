import { type DatasetFile, makeYielder, type Progress } from './files.ts';
import { ImageCollector, type ImageIndex, type IndexedImage } from './imageIndex.ts';

/** A file found in a dropped or chosen folder, with its path inside that folder. */
export interface FolderFile {
  file: DatasetFile;
  /** "img_align_celeba/000001.jpg": the folder's own name first. */
  path: string;
}

interface FolderImage extends IndexedImage {
  file: DatasetFile;
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

/**
 * Indexes a folder's files like a zip's entries: nothing is read until an
 * image is needed (a `File` is a handle to the bytes on disk).
 */
export async function indexFolder(
  files: readonly FolderFile[],
  onProgress: Progress,
  signal?: AbortSignal,
): Promise<ImageIndex<FolderImage>> {
  const name = folderName(files);
  const stage = `Indexing folder ${name}`;
  const collector = new ImageCollector<FolderImage>();
  const pause = makeYielder();
  let bytes = 0;
  for (const [i, { file, path }] of files.entries()) {
    collector.add({ path, size: file.size, file });
    bytes += file.size;
    if (i % 2000 === 0) {
      onProgress(stage, i, files.length);
      await pause(signal);
    }
  }
  signal?.throwIfAborted();
  onProgress(stage, files.length, files.length);
  return collector.finish(name, 'folder', bytes, (image) => ({
    kind: 'file',
    file: image.file,
    path: image.path,
    size: image.size,
  }));
}
