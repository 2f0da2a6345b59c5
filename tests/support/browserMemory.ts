import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

/** Resident set size of one process in bytes, from /proc (Linux); null elsewhere. */
function residentBytes(pid: number): number | null {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return null;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(path, 'utf8'));
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * Memory the page holds: the summed resident size of Chromium's renderer
 * processes (the page and its workers run in them), found through the
 * browser's own process list. Resident size counts what JS heaps, array
 * buffers and blobs really occupy, which the page's own memory APIs do not
 * all see. Null where /proc is not available.
 */
export async function rendererMemory(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    let total = 0;
    for (const process of processInfo) {
      if (process.type !== 'renderer') continue;
      const bytes = residentBytes(process.id);
      if (bytes === null) return null;
      total += bytes;
    }
    return total;
  } finally {
    await cdp.detach();
  }
}
