import { headParamCount, vgg16ParamCount, vgg16WeightShapes } from '../core/model/architecture.ts';
import { download } from '../core/model/download.ts';
import { sha256Hex } from '../core/model/hash.ts';
import { readKerasWeights } from '../core/model/kerasWeights.ts';
import { checkWeights, type NamedWeights } from '../core/model/namedWeights.ts';
import { planClassifierSummary } from '../core/model/summary.ts';
import { readTfjsLayersWeights } from '../core/model/tfjsWeights.ts';
import { type ModelOptions, modelOptionsProblems, type WeightsStatus } from '../domain/model.ts';
import { assertNever } from '../domain/never.ts';
import type { ModelCommand } from '../protocol/model.ts';
import { lastWeights, saveWeights } from '../storage/weightsCache.ts';
import { errorMessage, post } from './port.ts';
import { session } from './session.ts';

/** The status of the weights in use: what the page falls back to when a load fails. */
let installed: WeightsStatus = { kind: 'random' };
let restoreStarted = false;
/** Each load takes a ticket; a later load wins over an earlier one still running. */
let ticket = 0;

function setStatus(next: WeightsStatus): void {
  if (next.kind !== 'loading') installed = next;
  post({ scope: 'model', type: 'weights', status: next });
}

/** Posts loading progress at most ten times a second, plus the last step. */
function progressPoster(source: string, stage: 'download' | 'read' | 'parse') {
  let last = 0;
  return (loaded: number, total: number | null) => {
    const now = performance.now();
    if (now - last < 100 && loaded !== total) return;
    last = now;
    setStatus({ kind: 'loading', source, stage, loaded, total });
  };
}

function configure(options: ModelOptions, phase: 'frozen' | 'fine-tune'): void {
  const problems = modelOptionsProblems(options);
  if (problems.length > 0) {
    post({ scope: 'model', type: 'failed', what: 'options', message: problems.join('; ') });
    return;
  }
  post({
    scope: 'model',
    type: 'summary',
    summary: planClassifierSummary(options, phase === 'frozen' ? null : options.unfreezeFromBlock),
    baseParams: vgg16ParamCount(),
    headParams: headParamCount(options.inputSize, options.head),
  });
}

/** Weights kept from an earlier visit come back without the file or the network. */
async function restoreCached(): Promise<void> {
  const mine = ++ticket;
  try {
    const cached = await lastWeights();
    if (!cached || mine !== ticket || session.baseWeights) return;
    checkWeights(vgg16WeightShapes(), cached.weights);
    session.baseWeights = { hash: cached.hash, weights: cached.weights };
    setStatus({
      kind: 'imagenet',
      source: cached.source,
      hash: cached.hash,
      fromCache: true,
      cache: 'saved',
      cacheProblem: null,
    });
  } catch (error) {
    if (mine !== ticket) return;
    post({
      scope: 'model',
      type: 'failed',
      what: 'weights',
      message: `Cached VGG16 weights could not be restored: ${errorMessage(error)}. Load them again from a file or URL.`,
    });
  }
}

/** Checks, installs and caches parsed weights; a later load that started meanwhile wins. */
async function accept(mine: number, source: string, hash: string, weights: NamedWeights) {
  checkWeights(vgg16WeightShapes(), weights);
  if (mine !== ticket) return;
  session.baseWeights = { hash, weights };
  const loaded = { kind: 'imagenet', source, hash, fromCache: false } as const;
  setStatus({ ...loaded, cache: 'saving', cacheProblem: null });
  try {
    await saveWeights({ hash, source, savedAt: Date.now(), weights });
    if (mine === ticket) setStatus({ ...loaded, cache: 'saved', cacheProblem: null });
  } catch (error) {
    if (mine !== ticket) return;
    setStatus({
      ...loaded,
      cache: 'failed',
      cacheProblem: `${errorMessage(error)}. They work now but must be loaded again after a reload.`,
    });
  }
}

async function parseHdf5(source: string, bytes: ArrayBuffer): Promise<NamedWeights> {
  const onParse = progressPoster(source, 'parse');
  return readKerasWeights(bytes, { fileName: source, onProgress: onParse });
}

async function loadFiles(mine: number, files: File[]): Promise<void> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (json) {
    const shards = files.filter((f) => f !== json);
    setStatus({ kind: 'loading', source: json.name, stage: 'read', loaded: 0, total: null });
    const text = await json.text();
    const buffers = new Map<string, ArrayBuffer>();
    for (const shard of shards) buffers.set(shard.name, await shard.arrayBuffer());
    const weights = readTfjsLayersWeights(text, buffers);
    const hash = await sha256Hex([
      new TextEncoder().encode(text).buffer,
      ...[...buffers.keys()].sort().flatMap((name) => buffers.get(name) ?? []),
    ]);
    await accept(mine, json.name, hash, weights);
    return;
  }
  const [file, ...rest] = files;
  if (!file) throw new Error('No file was chosen');
  if (rest.length > 0) {
    throw new Error(
      `Choose one .h5 file, or a model.json with its .bin files (got ${files.length} files without a model.json)`,
    );
  }
  setStatus({ kind: 'loading', source: file.name, stage: 'read', loaded: 0, total: file.size });
  const bytes = await file.arrayBuffer();
  const hash = await sha256Hex([bytes]);
  await accept(mine, file.name, hash, await parseHdf5(file.name, bytes));
}

function fileNameOf(url: URL): string {
  return decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
}

async function loadUrl(mine: number, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a full URL (it should start with https://)`);
  }
  const onDownload = progressPoster(url, 'download');
  const online = navigator.onLine;
  setStatus({ kind: 'loading', source: url, stage: 'download', loaded: 0, total: null });
  const get = (target: string) =>
    download(target, { online, onProgress: (p) => onDownload(p.loaded, p.total) });
  const bytes = await get(parsed.href);
  if (fileNameOf(parsed).toLowerCase().endsWith('.json')) {
    const text = new TextDecoder().decode(bytes);
    const paths = new Set<string>();
    const manifest: unknown = JSON.parse(text);
    if (typeof manifest === 'object' && manifest !== null && 'weightsManifest' in manifest) {
      const groups = manifest.weightsManifest;
      if (Array.isArray(groups)) {
        for (const g of groups) {
          if (typeof g === 'object' && g !== null && 'paths' in g && Array.isArray(g.paths)) {
            for (const p of g.paths) paths.add(String(p));
          }
        }
      }
    }
    const shards = new Map<string, ArrayBuffer>();
    for (const path of paths) shards.set(path, await get(new URL(path, parsed).href));
    const weights = readTfjsLayersWeights(text, shards);
    const hash = await sha256Hex([bytes, ...shards.values()]);
    await accept(mine, url, hash, weights);
    return;
  }
  const hash = await sha256Hex([bytes]);
  await accept(mine, url, hash, await parseHdf5(fileNameOf(parsed) || url, bytes));
}

/** Runs one load; on failure the previous weights stay and the page hears why. */
async function load(run: (mine: number) => Promise<void>): Promise<void> {
  const mine = ++ticket;
  try {
    await run(mine);
  } catch (error) {
    if (mine !== ticket) return;
    setStatus(installed);
    post({ scope: 'model', type: 'failed', what: 'weights', message: errorMessage(error) });
  }
}

export async function handleModel(cmd: ModelCommand): Promise<void> {
  switch (cmd.type) {
    case 'configure':
      configure(cmd.options, cmd.phase);
      if (!restoreStarted) {
        restoreStarted = true;
        await restoreCached();
      }
      return;
    case 'load-weights-files':
      return load((mine) => loadFiles(mine, cmd.files));
    case 'load-weights-url':
      return load((mine) => loadUrl(mine, cmd.url));
    default:
      assertNever(cmd, 'model command');
  }
}
