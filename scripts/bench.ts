import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import type {
  BenchResults,
  DataWaitResult,
  DecodeResult,
  FeatureCacheResult,
  IngestResult,
  LongTaskResult,
  MemoryResult,
  PipelineResult,
  ThroughputRow,
  Unavailable,
} from '../bench/lib/results.ts';
import { formatReport } from '../bench/lib/table.ts';
import { markTime, rendererTasks } from '../bench/lib/taskCpu.ts';
import type { BenchTask } from '../bench/web/messages.ts';
import { CELEBA_COUNT } from '../tests/support/celebaArchives.ts';
import { BASE_FLAGS, findChromium } from './chromium.mjs';

/**
 * npm run bench [-- --minutes 14 --software]: the Node runner (each section in
 * its own process) and headless Chromium (the studio and a bench page), one
 * report. Sections get time budgets so the whole run ends within --minutes;
 * what cannot run or would not fit says so. --software also measures software
 * GPU adapters (SwiftShader), which are far slower than WASM. --only decode
 * runs just the decode sections (decode throughput and the data-wait share);
 * --only long-tasks just the demo run that counts main-thread long tasks;
 * --only ingest just the ingest rows (the growth series and the full-size CelebA).
 */

const RESULTS = 'bench/results.json';
const INGEST_COUNTS = [1_000, 10_000, 30_000];

const now = () => performance.now();
const say = (line: string) => console.log(line);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

/** Runs a bench-*.ts script in a child process; resolves with the JSON it wrote, or why it did not. */
async function child<T>(
  script: string,
  args: string[],
  timeoutSeconds: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T | { error: string }> {
  const out = join(
    tmpdir(),
    `celeba-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`,
  );
  const proc = spawn(process.execPath, ['scripts/run-ts.mjs', script, ...args, '--out', out], {
    stdio: ['ignore', 'inherit', 'pipe'],
    env,
  });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutSeconds * 1000);
  const code = await new Promise<number | null>((done) => proc.on('close', done));
  clearTimeout(timer);
  if (existsSync(out)) {
    const json = JSON.parse(await readFile(out, 'utf8')) as T;
    await rm(out);
    return json;
  }
  const lastLine = stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
  return {
    error:
      code === null
        ? `stopped after its ${timeoutSeconds} s limit`
        : `exited with code ${code}${lastLine ? `: ${lastLine}` : ''}`,
  };
}

const failed = (value: object): value is { error: string } => 'error' in value;

class Clock {
  private readonly started = now();
  constructor(private readonly totalSeconds: number) {}
  get elapsed(): number {
    return (now() - this.started) / 1000;
  }
  /** Seconds a section may take: its plan, or less when the run's end is near (keeping `reserve` for later ones). */
  allow(planned: number, reserve: number): number {
    return Math.max(0, Math.min(planned, this.totalSeconds - this.elapsed - reserve));
  }
}

async function ingest(clock: Clock): Promise<BenchResults['ingest']> {
  const rows: BenchResults['ingest'] = [];
  for (const count of INGEST_COUNTS) {
    const limit = clock.allow(120, 540);
    if (limit < 20) {
      rows.push({ entries: count, skipped: 'the bench time budget ran out' });
      continue;
    }
    const dir = join(tmpdir(), `celeba-bench-ingest-${count}`);
    say(`ingest: ${count} entries in ${dir}`);
    const made = await child<{ made: boolean }>(
      'scripts/bench-node.ts',
      ['ingest-make', '--count', String(count), '--dir', dir],
      limit,
    );
    if (failed(made)) {
      rows.push({ entries: count, skipped: `making the zip failed: ${made.error}` });
      continue;
    }
    const indexed = await child<IngestResult>(
      'scripts/bench-node.ts',
      ['ingest-index', '--dir', dir],
      clock.allow(120, 480),
    );
    rows.push(failed(indexed) ? { entries: count, skipped: indexed.error } : indexed);
  }
  // CelebA at full size: its archive is made once per machine (a few minutes the first time).
  const limit = clock.allow(300, 480);
  if (limit < 60) {
    rows.push({ entries: CELEBA_COUNT, skipped: 'the bench time budget ran out' });
    return rows;
  }
  say(`ingest: CelebA at full size (${CELEBA_COUNT} entries)`);
  const celeba = await child<IngestResult>('scripts/bench-node.ts', ['ingest-celeba'], limit);
  rows.push(failed(celeba) ? { entries: CELEBA_COUNT, skipped: celeba.error } : celeba);
  return rows;
}

async function nodeEpochs(clock: Clock, results: BenchResults): Promise<void> {
  say('node: tensors per epoch, feature cache, pipeline');
  const out = await child<{
    memory?: MemoryResult;
    featureCache?: FeatureCacheResult;
    pipeline?: PipelineResult;
  }>('scripts/bench-node.ts', ['epochs'], clock.allow(300, 420));
  const why = (section: string): Unavailable => ({
    runtime: 'node',
    backend: 'wasm',
    reason: failed(out) ? out.error : `${section} missing`,
  });
  results.memory.push(!failed(out) && out.memory ? out.memory : why('memory'));
  results.featureCache.push(
    !failed(out) && out.featureCache ? out.featureCache : why('feature cache'),
  );
  results.pipeline.push(!failed(out) && out.pipeline ? out.pipeline : why('pipeline'));
}

function addThroughput(
  results: BenchResults,
  runtime: Unavailable['runtime'],
  backend: string,
  out: ThroughputRow[] | Unavailable | { error: string },
): void {
  if (Array.isArray(out)) results.throughput.push(...out);
  else if ('reason' in out) results.unavailable.push(out);
  else results.unavailable.push({ runtime, backend, reason: out.error });
}

async function nodeThroughput(clock: Clock, results: BenchResults, software: boolean) {
  for (const [backend, planned] of [
    ['wasm', 150],
    ['cpu', 25],
  ] as const) {
    const budget = clock.allow(planned, 150);
    say(`node ${backend}: VGG16 throughput (budget ${budget.toFixed(0)} s)`);
    const out = await child<ThroughputRow[] | Unavailable>(
      'scripts/bench-node.ts',
      ['throughput', '--backend', backend, '--budget', String(budget)],
      budget + 240,
    );
    addThroughput(results, 'node', backend, out);
  }
  say('node webgpu (Dawn): VGG16 throughput');
  const budget = clock.allow(150, 120);
  let out = await child<ThroughputRow[] | Unavailable>(
    'scripts/bench-dawn.ts',
    ['--budget', String(budget)],
    budget + 180,
  );
  // Chromium carries a SwiftShader Vulkan driver: with it, Dawn runs here in software.
  const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
  if (software && !Array.isArray(out) && existsSync(swiftshader)) {
    out = await child<ThroughputRow[] | Unavailable>(
      'scripts/bench-dawn.ts',
      ['--budget', String(clock.allow(120, 60))],
      600,
      { ...process.env, LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: swiftshader },
    );
  }
  addThroughput(results, 'node', 'webgpu (Dawn)', out);
}

async function startServers(): Promise<{ app: PreviewServer; bench: PreviewServer }> {
  say('building the studio and the bench page');
  const appConfig = resolve('vite.config.ts');
  const benchConfig = resolve('bench/vite.config.ts');
  // The module runner this script runs in sets NODE_ENV to development, which would
  // build React's development bundle: twice the size, and slower in every render.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: appConfig,
      logLevel: 'error',
      mode: 'production',
      build: { outDir: '.dist-bench-app', emptyOutDir: true },
    });
    await build({ configFile: benchConfig, logLevel: 'error', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const port = Number(process.env.BENCH_PORT ?? 4390);
  const app = await preview({
    configFile: appConfig,
    logLevel: 'error',
    build: { outDir: '.dist-bench-app' },
    preview: { port, strictPort: false },
  });
  const bench = await preview({
    configFile: benchConfig,
    logLevel: 'error',
    preview: { port: port + 1, strictPort: false },
  });
  return { app, bench };
}

const urlOf = (server: PreviewServer) => {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server reports no URL');
  return url.replace(/\/$/, '');
};

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${what} took over ${seconds} s`)),
      seconds * 1000,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        done(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        fail(e);
      },
    );
  });
}

async function benchTask<T>(page: Page, task: BenchTask, seconds: number): Promise<T> {
  return withTimeout(
    page.evaluate(
      (t) => (window as unknown as { runBench(t: BenchTask): Promise<unknown> }).runBench(t),
      task,
    ) as Promise<T>,
    seconds,
    `the ${task.task} task`,
  );
}

interface DemoRun {
  /** Long tasks as the page's Long Tasks API saw them (ms since navigation). */
  tasks: { start: number; duration: number }[];
  /** When "Use demo dataset" was pressed, the dataset was indexed (training was started then) and the results showed. */
  pressed: number;
  loaded: number;
  t1: number;
}

/** The studio itself: a whole demo run, as the e2e spec drives it, watching the main thread for tasks over 50 ms. */
async function demoRun(page: Page, appUrl: string): Promise<DemoRun> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${appUrl}/?backend=wasm`);
  await page
    .getByLabel('Compute backend')
    .getByText('wasm', { exact: true })
    .waitFor({ timeout: 60_000 });
  const pressed = await page.evaluate(() => performance.mark('bench:dataset').startTime);
  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await page
    .getByRole('status', { name: 'Dataset summary' })
    .getByText('validated image filenames')
    .first()
    .waitFor({ timeout: 180_000 });
  const loaded = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Start training' }).click();
  await page
    .getByRole('region', { name: 'Test results' })
    .getByText(/Test Accuracy: \d/)
    .waitFor({ timeout: 300_000 });
  const t1 = await page.evaluate(() => performance.now());
  const tasks = await page.evaluate(
    () => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks,
  );
  return { tasks, pressed, loaded, t1 };
}

/** A fresh browser for each run, so each page starts cold, as a person's first visit does. */
async function inFreshBrowser<T>(
  executablePath: string,
  run: (page: Page, browser: Browser) => Promise<T>,
): Promise<T> {
  const browser = await chromium.launch({ executablePath, args: BASE_FLAGS });
  try {
    return await run(await browser.newPage(), browser);
  } finally {
    await browser.close();
  }
}

/**
 * Long tasks over 50 ms in an untraced demo run, then each task's CPU time in a second,
 * traced run: tracing streams every task to the bench over the same 2 cores, which
 * stretched start-up tasks past 50 ms in 4 of 8 loads here, against 1 of 8 untraced.
 */
async function longTasks(executablePath: string, appUrl: string): Promise<LongTaskResult> {
  const { tasks, pressed, loaded, t1 } = await inFreshBrowser(executablePath, (page) =>
    demoRun(page, appUrl),
  );
  const cpu = await inFreshBrowser(executablePath, async (page, browser) => {
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
    const traced = tracedTasks(browser);
    await demoRun(page, appUrl);
    return traced();
  });
  const longest = (list: { duration: number }[]) => Math.max(0, ...list.map((t) => t.duration));
  const during = tasks.filter((t) => t.start > loaded && t.start <= t1);
  const indexing = tasks.filter((t) => t.start > pressed && t.start <= loaded);
  const startup = tasks.filter((t) => t.start <= pressed);
  return {
    runtime: 'browser',
    backend: 'wasm',
    trainingSeconds: (t1 - loaded) / 1000,
    count: during.length,
    longestMs: longest(during),
    indexingCount: indexing.length,
    longestIndexingMs: longest(indexing),
    startupCount: startup.length,
    longestStartupMs: longest(startup),
    ...cpu,
  };
}

/**
 * Stops the trace begun on the page: the longest task's CPU time before and after the
 * "Use demo dataset" press (marked on the page), and how many after it took over 50 ms of CPU.
 */
function tracedTasks(browser: Browser) {
  return async () => {
    const trace = JSON.parse((await browser.stopTracing()).toString()) as {
      traceEvents: Parameters<typeof rendererTasks>[0];
    };
    const tasks = rendererTasks(trace.traceEvents);
    const pressed = markTime(trace.traceEvents, 'bench:dataset') ?? Number.POSITIVE_INFINITY;
    const longest = (list: typeof tasks) => Math.max(0, ...list.map((t) => t.cpuMs));
    const run = tasks.filter((t) => t.ts >= pressed);
    return {
      longestCpuMs: longest(run),
      longestStartupCpuMs: longest(tasks.filter((t) => t.ts < pressed)),
      overBudgetCpuCount: run.filter((t) => t.cpuMs > 50).length,
    };
  };
}

/** JPEG decode + resize throughput in the browser, and the trainer's share of time waiting for data. */
async function decodeSections(page: Page, clock: Clock, results: BenchResults): Promise<void> {
  say('browser: decode + resize of 178×218 JPEGs to 224 px');
  try {
    results.decode.push(
      await benchTask<DecodeResult>(
        page,
        { task: 'decode', images: 256, size: 224, concurrencies: [1, 2, 4, 8] },
        clock.allow(120, 120),
      ),
    );
  } catch (error) {
    results.decode.push({ runtime: 'browser', backend: 'wasm', reason: errorText(error) });
  }
  say('browser: the same through decode workers');
  try {
    results.decode.push(
      await benchTask<DecodeResult>(
        page,
        { task: 'decode-workers', images: 256, size: 224, perWorker: [1, 4, 8] },
        clock.allow(120, 120),
      ),
    );
  } catch (error) {
    results.decode.push({ runtime: 'browser', backend: 'workers', reason: errorText(error) });
  }
  for (const decoder of ['in-thread', 'workers'] as const) {
    for (const holdThread of [false, true]) {
      say(
        `browser: data-wait share against the reference's 57 ms GPU step (thread ${holdThread ? 'held' : 'free'}, ${decoder === 'workers' ? 'decode workers' : 'decoded in the training thread'})`,
      );
      try {
        results.dataWait.push(
          await benchTask<DataWaitResult>(
            page,
            {
              task: 'wait-vs-step',
              images: 160,
              size: 224,
              batch: 8,
              stepMs: 57,
              holdThread,
              decoder,
            },
            clock.allow(60, 60),
          ),
        );
      } catch (error) {
        results.dataWait.push({
          runtime: 'browser',
          backend: 'stand-in',
          reason: errorText(error),
        });
      }
    }
  }
  say('browser: data-wait share of an augmented 224 px head epoch');
  try {
    results.dataWait.push(
      await benchTask<DataWaitResult>(
        page,
        { task: 'data-wait', images: 24, size: 224, batch: 8 },
        clock.allow(300, 300),
      ),
    );
  } catch (error) {
    results.dataWait.push({ runtime: 'browser', backend: 'wasm', reason: errorText(error) });
  }
}

async function browserSections(
  clock: Clock,
  results: BenchResults,
  software: boolean,
  only: string,
) {
  const executablePath = await findChromium();
  if (!executablePath) {
    const reason = 'no Chromium found (set CHROME_PATH)';
    results.longTasks.push({ runtime: 'browser', backend: 'wasm', reason });
    results.pipeline.push({ runtime: 'browser', backend: 'wasm', reason });
    results.decode.push({ runtime: 'browser', backend: 'wasm', reason });
    results.dataWait.push({ runtime: 'browser', backend: 'wasm', reason });
    results.unavailable.push({ runtime: 'browser', backend: 'all', reason });
    return;
  }
  const servers = await startServers();
  const browser = await chromium.launch({ executablePath, args: BASE_FLAGS });
  try {
    const appUrl = urlOf(servers.app);
    const benchUrl = `${urlOf(servers.bench)}/`;
    if (only === 'decode') {
      const page = await browser.newPage();
      page.on('console', (m) => say(`  ${m.text()}`));
      await page.goto(benchUrl);
      await decodeSections(page, clock, results);
      return;
    }
    say('browser: long tasks during a demo run of the studio (an untraced run, then a traced one)');
    try {
      results.longTasks.push(
        await withTimeout(
          longTasks(executablePath, appUrl),
          clock.allow(240, 360),
          'the demo runs',
        ),
      );
    } catch (error) {
      results.longTasks.push({ runtime: 'browser', backend: 'wasm', reason: errorText(error) });
    }
    if (only === 'long-tasks') return;

    const page = await browser.newPage();
    page.on('console', (m) => say(`  ${m.text()}`));
    await page.goto(benchUrl);
    say('browser: pipeline efficiency');
    try {
      results.pipeline.push(
        await benchTask<PipelineResult>(
          page,
          { task: 'pipeline', images: 64, size: 64, batch: 16 },
          clock.allow(240, 240),
        ),
      );
    } catch (error) {
      results.pipeline.push({ runtime: 'browser', backend: 'wasm', reason: errorText(error) });
    }
    await decodeSections(page, clock, results);
    for (const [backend, planned] of [
      ['wasm', 150],
      ['webgl', 90],
    ] as const) {
      const budget = clock.allow(planned, 60);
      say(`browser ${backend}: VGG16 throughput (budget ${budget.toFixed(0)} s)`);
      try {
        const out = await benchTask<ThroughputRow[] | Unavailable>(
          page,
          { task: 'throughput', backend, budgetSeconds: budget, allowSoftware: software },
          budget + 240,
        );
        addThroughput(results, 'browser', backend, out);
      } catch (error) {
        addThroughput(results, 'browser', backend, { error: errorText(error) });
      }
    }
  } finally {
    await browser.close();
  }
  // WebGPU needs its own flags; without a GPU the adapter is SwiftShader, taken only with --software.
  const gpuFlags = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'];
  const webgpu = await chromium.launch({
    executablePath,
    args: [...BASE_FLAGS, ...gpuFlags, ...(software ? ['--use-webgpu-adapter=swiftshader'] : [])],
  });
  try {
    const page = await webgpu.newPage();
    page.on('console', (m) => say(`  ${m.text()}`));
    await page.goto(`${urlOf(servers.bench)}/`);
    const budget = clock.allow(150, 30);
    say(`browser webgpu: VGG16 throughput (budget ${budget.toFixed(0)} s)`);
    const out = await benchTask<ThroughputRow[] | Unavailable>(
      page,
      { task: 'throughput', backend: 'webgpu', budgetSeconds: budget, allowSoftware: software },
      budget + 240,
    ).catch((error: unknown) => ({ error: errorText(error) }));
    addThroughput(results, 'browser', 'webgpu', out);
  } finally {
    await webgpu.close();
    await servers.app.close();
    await servers.bench.close();
  }
}

/**
 * The first Python that imports torch: the one on the PATH, then the
 * system's (a distribution's python3-torch lives there, not in a pyenv or venv).
 */
export function findTorchPython(
  candidates: readonly string[] = ['python3', '/usr/bin/python3'],
): { python: string; version: string } | { reason: string } {
  const problems: string[] = [];
  for (const python of [...new Set(candidates)]) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
    const why = (probe.stderr || String(probe.error ?? '')).trim().split('\n').at(-1);
    problems.push(`${python}: ${why || 'does not run'}`);
  }
  return { reason: `PyTorch does not import here (${problems.join('; ')})` };
}

/** bench/torch_vgg16.py, where PyTorch imports. */
async function torch(clock: Clock, results: BenchResults): Promise<void> {
  const found = findTorchPython();
  if ('reason' in found) {
    results.unavailable.push({ runtime: 'pytorch', backend: 'torch', reason: found.reason });
    return;
  }
  const budget = clock.allow(180, 0);
  say(
    `pytorch ${found.version} (${found.python}): VGG16 throughput (budget ${budget.toFixed(0)} s)`,
  );
  const out = join(tmpdir(), `celeba-bench-torch-${process.pid}.json`);
  const run = spawnSync(
    found.python,
    ['bench/torch_vgg16.py', '--budget', String(budget), '--out', out],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: (budget + 240) * 1000,
    },
  );
  if (run.status === 0 && existsSync(out)) {
    results.throughput.push(...(JSON.parse(await readFile(out, 'utf8')) as ThroughputRow[]));
    await rm(out);
  } else {
    results.unavailable.push({
      runtime: 'pytorch',
      backend: 'torch',
      reason: `bench/torch_vgg16.py failed (exit ${run.status ?? 'timeout'})`,
    });
  }
}

export async function main(args: string[]): Promise<void> {
  const clock = new Clock(Number(option(args, 'minutes', '14')) * 60);
  const software = args.includes('--software');
  const cpu = cpus();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
    },
    seconds: 0,
    throughput: [],
    unavailable: [],
    pipeline: [],
    decode: [],
    dataWait: [],
    featureCache: [],
    memory: [],
    longTasks: [],
    ingest: [],
  };
  const only = option(args, 'only', '');
  if (!only || only === 'ingest') results.ingest = await ingest(clock);
  if (!only) await nodeEpochs(clock, results);
  if (only !== 'ingest') {
    try {
      await browserSections(clock, results, software, only);
    } catch (error) {
      results.unavailable.push({ runtime: 'browser', backend: 'all', reason: errorText(error) });
    }
  }
  if (!only) {
    await nodeThroughput(clock, results, software);
    await torch(clock, results);
  }
  results.seconds = clock.elapsed;
  await mkdir('bench', { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 1)}\n`);
  say('');
  say(formatReport(results));
  say('');
  say(`Wrote ${RESULTS}.`);
  process.exit(0);
}
