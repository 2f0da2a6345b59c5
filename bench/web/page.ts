import type { BenchReply, BenchTask } from './messages.ts';

/**
 * Runs one bench task in a fresh worker (a backend per worker, as in the
 * studio) and resolves with its result; `npm run bench` calls this through
 * Playwright.
 */
function runBench(task: BenchTask): Promise<unknown> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const log = document.getElementById('log');
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<BenchReply>) => {
      const reply = event.data;
      if (reply.type === 'log') {
        log?.append(`${reply.line}\n`);
        console.log(reply.line);
        return;
      }
      worker.terminate();
      if (reply.type === 'done') resolve(reply.result);
      else reject(new Error(reply.message));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the bench worker crashed'));
    });
    worker.postMessage(task);
  });
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
