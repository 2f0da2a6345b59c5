import { describe, expect, it } from 'vitest';
import { download } from '../../src/core/model/download.ts';

function streamResponse(chunks: Uint8Array[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

describe('download', () => {
  it('collects the body and reports progress against Content-Length', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    const seen: [number, number | null][] = [];
    const bytes = await download('https://example.test/w.h5', {
      fetch: async () => streamResponse(chunks, { 'content-length': '5' }),
      onProgress: (p) => seen.push([p.loaded, p.total]),
    });
    expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([
      [3, 5],
      [5, 5],
    ]);
  });

  it('works without Content-Length', async () => {
    const bytes = await download('https://example.test/w.h5', {
      fetch: async () => streamResponse([new Uint8Array([7]), new Uint8Array([8, 9])], {}),
    });
    expect(Array.from(new Uint8Array(bytes))).toEqual([7, 8, 9]);
  });

  it('explains a failed request: offline or CORS', async () => {
    const failing = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(download('https://example.test/w.h5', { fetch: failing })).rejects.toThrow(
      /offline, or the server does not allow downloads from other sites \(CORS\)/,
    );
    await expect(
      download('https://example.test/w.h5', { fetch: failing, online: false }),
    ).rejects.toThrow('this device is offline');
  });

  it('names the HTTP status', async () => {
    await expect(
      download('https://example.test/w.h5', {
        fetch: async () => new Response('nope', { status: 404, statusText: 'Not Found' }),
      }),
    ).rejects.toThrow('the server answered 404 Not Found');
  });

  it('notices a connection that closes early', async () => {
    await expect(
      download('https://example.test/w.h5', {
        fetch: async () => streamResponse([new Uint8Array([1])], { 'content-length': '4' }),
      }),
    ).rejects.toThrow('closed after 1 of 4 bytes');
  });
});
