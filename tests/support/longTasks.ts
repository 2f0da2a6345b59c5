import type { Page } from '@playwright/test';

/** A main-thread task over 50 ms, as the Long Tasks API reports it (ms since navigation). */
export interface LongTask {
  start: number;
  duration: number;
}

/**
 * Records every main-thread long task of the page from its first script on. Playwright's
 * own probing runs through the DevTools protocol and is not reported, so what is recorded
 * is the page's work alone.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded so far. */
export function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);
}
