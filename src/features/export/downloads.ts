import { useEffect } from 'react';
import { historyCsv } from '../../core/evaluation/history.ts';
import type { EpochLog } from '../../domain/training.ts';
import { useStudioClient } from '../../studio/useStudio.ts';

/** Hands bytes to the browser as a file download through a temporary link. */
export function saveFile(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Turns the worker's zip bytes into a download as they arrive. */
export function useZipDownloads(): void {
  const client = useStudioClient();
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.scope === 'export' && event.type === 'download') {
          saveFile(event.fileName, [event.bytes], 'application/zip');
        }
      }),
    [client],
  );
}

export function downloadHistory(history: readonly EpochLog[], name: string): void {
  saveFile(`${name}-history.csv`, [historyCsv(history)], 'text/csv');
}
