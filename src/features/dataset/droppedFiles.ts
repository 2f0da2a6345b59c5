/** Files the person dropped or chose, each with its path inside a folder ('' when dropped alone). */
export interface DroppedFiles {
  files: File[];
  paths: string[];
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Walks a dropped folder; `readEntries` answers in batches until it answers none. */
async function walk(entry: FileSystemEntry, out: DroppedFiles): Promise<void> {
  if (entry.isFile) {
    out.files.push(await fileOf(entry as FileSystemFileEntry));
    out.paths.push(entry.fullPath.replace(/^\//, ''));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, out);
  }
}

/**
 * What a drop holds: plain files as they are, and dropped folders walked to
 * their files (a `File` is a handle: nothing is read here).
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<DroppedFiles> {
  const out: DroppedFiles = { files: [], paths: [] };
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry());
  const plain = [...transfer.files];
  if (!entries.some((e) => e?.isDirectory)) return { files: plain, paths: plain.map(() => '') };
  for (const entry of entries) {
    if (!entry) continue;
    if (entry.isDirectory) await walk(entry, out);
    else {
      out.files.push(await fileOf(entry as FileSystemFileEntry));
      out.paths.push('');
    }
  }
  return out;
}

/** Files from `<input webkitdirectory>`: each knows its path inside the chosen folder. */
export function filesFromFolderInput(list: FileList | null): DroppedFiles {
  const files = [...(list ?? [])];
  return { files, paths: files.map((f) => f.webkitRelativePath || f.name) };
}
