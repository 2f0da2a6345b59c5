import { readRange } from './files.ts';

/** A read of a local file's next bytes that takes this long is not coming. */
const STALL_MS = 5_000;

/**
 * Reads a file front to back, a window at a time, into one buffer it reuses.
 * Each slice read (`Blob.slice().arrayBuffer()`) gets a buffer of its own,
 * which a browser frees only at its next full collection: over a long read
 * that was 60–80 MB of dead buffers at a time. A stream read into the same
 * buffer allocates nothing. Windows come in order of offset; bytes between
 * them are read and dropped, so this suits windows that lie close together.
 * Where Blob streams cannot read into a given buffer, or fail, or a window
 * starts before the last one, a window is a slice read. So is everything
 * after a stream read that brings nothing for `stallMs`: a local file's next
 * bytes take milliseconds, and a read left pending must not hold the load.
 */
export class SequentialReader {
  private buffer: ArrayBuffer;
  /** The file offset of the buffer's first byte. */
  private start = 0;
  /** Bytes of the buffer that hold the file's. */
  private filled = 0;
  private reader: ReadableStreamBYOBReader | null = null;
  private ended = false;
  private bySlices = false;

  constructor(
    private readonly file: Blob,
    /** The longest window asked for. */
    private readonly capacity: number,
    /** How long one stream read may take before the rest is read by slices. */
    private readonly stallMs = STALL_MS,
  ) {
    this.buffer = new ArrayBuffer(capacity);
  }

  /**
   * The file's bytes from `offset`, `length` of them (fewer at its end): a
   * view that holds them until the next call, which may overwrite them.
   */
  async window(offset: number, length: number): Promise<Uint8Array> {
    if (length > this.capacity) throw new RangeError(`A window of ${length} bytes is too long.`);
    if (!this.reader && !this.bySlices) this.open(offset);
    if (!this.reader || offset < this.start) return readRange(this.file, offset, length);
    const end = Math.min(offset + length, this.file.size);
    try {
      while (this.start + this.filled < end && !this.ended) {
        this.drop(offset);
        await this.fill();
      }
    } catch {
      // A stream that fails: this window and the next are slice reads, which report a real read error.
      this.close();
      return readRange(this.file, offset, length);
    }
    this.drop(offset);
    const available = Math.max(0, Math.min(end, this.start + this.filled) - offset);
    return new Uint8Array(this.buffer, offset - this.start, available);
  }

  /** Stops reading; the reader cannot be used after. */
  close(): void {
    this.reader?.cancel().catch(() => {});
    this.reader = null;
    this.bySlices = true;
  }

  private open(offset: number): void {
    try {
      this.reader = this.file.slice(offset).stream().getReader({ mode: 'byob' });
      this.start = offset;
    } catch {
      // Not a byte stream here: every window is a slice read.
      this.bySlices = true;
    }
  }

  /** Forgets the bytes before `offset`, moving the rest to the buffer's start. */
  private drop(offset: number): void {
    const count = Math.min(offset - this.start, this.filled);
    if (count <= 0) return;
    new Uint8Array(this.buffer).copyWithin(0, count, this.filled);
    this.filled -= count;
    this.start += count;
  }

  private async fill(): Promise<void> {
    const reader = this.reader as ReadableStreamBYOBReader;
    const room = new Uint8Array(this.buffer, this.filled, this.capacity - this.filled);
    // The read takes the buffer over and hands it back, as the view it returns.
    const read = reader.read(room);
    read.catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No bytes came from the stream in ${this.stallMs} ms.`)),
        this.stallMs,
      );
    });
    const { value, done } = await Promise.race([read, stalled]).finally(() => clearTimeout(timer));
    if (value) {
      this.buffer = value.buffer as ArrayBuffer;
      this.filled += value.byteLength;
    } else this.buffer = new ArrayBuffer(this.capacity);
    if (done) this.ended = true;
  }
}
