/**
 * A dropped file as the engine sees it: a browser `File` satisfies this, and
 * so does a Node `Blob` with a name, so the same loader runs in both.
 */
export interface DatasetFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  stream?(): ReadableStream<Uint8Array>;
}

export type Progress = (stage: string, done: number, total: number) => void;

/**
 * Reads a file into one buffer, reporting bytes as they arrive. The buffer is
 * allocated once at the file's size, so a large zip is held once.
 */
export async function readBytes(file: DatasetFile, onProgress: Progress): Promise<Uint8Array> {
  const stage = `Reading ${file.name}`;
  if (!file.stream) return new Uint8Array(await file.arrayBuffer());
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  let reported = 0;
  onProgress(stage, 0, file.size);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > bytes.length) {
      throw new Error(`${file.name} changed while it was being read; drop it again.`);
    }
    bytes.set(value, offset);
    offset += value.length;
    // A progress event per chunk would flood the page; one per 1% is plenty.
    if (offset - reported >= file.size / 100) {
      reported = offset;
      onProgress(stage, offset, file.size);
    }
  }
  onProgress(stage, offset, file.size);
  return offset === bytes.length ? bytes : bytes.subarray(0, offset);
}
