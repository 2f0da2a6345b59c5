import { open } from 'node:fs/promises';

/**
 * A read-only Blob over a file on disk, for archives past 4 GiB: Node 20's
 * `fs.openAsBlob` reports their size modulo 4 GiB. Implements what the
 * dataset loader uses (size, slice, arrayBuffer, stream).
 */
class DiskRange {
  constructor(
    private readonly path: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  slice(start = 0, end = this.size): DiskRange {
    const clamp = (n: number) => Math.max(0, Math.min(this.size, n < 0 ? this.size + n : n));
    return new DiskRange(
      this.path,
      this.start + clamp(start),
      this.start + Math.max(clamp(start), clamp(end)),
    );
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const handle = await open(this.path, 'r');
    try {
      const bytes = new Uint8Array(this.size);
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await handle.read(
          bytes,
          done,
          bytes.length - done,
          this.start + done,
        );
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.buffer;
    } finally {
      await handle.close();
    }
  }

  stream(): ReadableStream<Uint8Array> {
    const chunk = 1 << 20;
    let at = 0;
    return new ReadableStream({
      pull: async (controller) => {
        if (at >= this.size) {
          controller.close();
          return;
        }
        const part = this.slice(at, at + chunk);
        at += part.size;
        controller.enqueue(new Uint8Array(await part.arrayBuffer()));
      },
    });
  }
}

/** A named file on disk as the loader sees a dropped `File`. */
export async function diskFile(path: string, name: string): Promise<Blob & { name: string }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  await handle.close();
  // DiskRange has the Blob members the loader calls; the rest (type, text) it never touches.
  return Object.assign(new DiskRange(path, 0, size), { name }) as unknown as Blob & {
    name: string;
  };
}
