export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface DownloadProgress {
  loaded: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
}

export interface DownloadOptions {
  fetch?: FetchLike;
  onProgress?: (progress: DownloadProgress) => void;
  /** Whether the platform believes it is online (navigator.onLine), for a better message. */
  online?: boolean;
  /** Aborts the download; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Fetches `url` into memory, reporting bytes as they arrive. Failures say
 * what most likely went wrong: offline, a server that refuses cross-origin
 * requests (CORS), or an HTTP status.
 */
export async function download(url: string, options: DownloadOptions = {}): Promise<ArrayBuffer> {
  const fetchFn: FetchLike = options.fetch ?? ((u, init) => fetch(u, init));
  const signal = options.signal;
  let response: Response;
  try {
    response = await fetchFn(url, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const reason = error instanceof Error ? error.message : String(error);
    const why =
      options.online === false
        ? 'this device is offline'
        : 'the network request failed: you may be offline, or the server does not allow downloads from other sites (CORS)';
    throw new Error(
      `Could not download ${url}: ${why} (${reason}). Download the file yourself and choose it under "VGG16 weights file", or run "npm run fetch-weights" to serve it from this site.`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `Could not download ${url}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  const header = response.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    options.onProgress?.({ loaded: buffer.byteLength, total: buffer.byteLength });
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  // With a known length, write straight into one buffer: no second copy of ~59 MB.
  let whole = total !== null ? new Uint8Array(total) : null;
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      throw signal.reason;
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (whole && loaded + value.byteLength <= whole.byteLength) {
      whole.set(value, loaded);
    } else {
      if (whole) {
        // The server sent more than it announced: fall back to collecting chunks.
        chunks.push(whole.slice(0, loaded));
        whole = null;
      }
      chunks.push(value);
    }
    loaded += value.byteLength;
    options.onProgress?.({ loaded, total });
  }
  if (whole) {
    if (loaded !== whole.byteLength) {
      throw new Error(
        `Could not download ${url}: the connection closed after ${loaded} of ${whole.byteLength} bytes`,
      );
    }
    return whole.buffer;
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}
