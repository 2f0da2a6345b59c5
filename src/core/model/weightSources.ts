import { vgg16WeightShapes } from './architecture.ts';
import { download, type FetchLike } from './download.ts';
import { sha256Hex } from './hash.ts';
import { readKerasWeights } from './kerasWeights.ts';
import { checkWeights, type NamedWeights } from './namedWeights.ts';
import { manifestPaths, readTfjsLayersWeights } from './tfjsWeights.ts';

/*
 * Where VGG16's ImageNet weights come from: files the user chose (one Keras
 * .h5, or a tfjs model.json with its .bin shards), or a URL (the official
 * file, or the copy `npm run fetch-weights` serves from this site). Each
 * source ends in the same checked per-layer weights and a content hash.
 */

/** What the studio reads of a chosen file; a browser `File` is one. */
export interface WeightFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type WeightsStage = 'download' | 'read' | 'parse';

export interface SourceOptions {
  /** Bytes so far: downloading or reading them, then parsing. */
  onProgress?: (stage: WeightsStage, loaded: number, total: number | null) => void;
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** Whether the platform believes it is online, for a better download message. */
  online?: boolean;
}

/** Parsed, shape-checked VGG16 base weights and the SHA-256 of the bytes they came from. */
export interface SourcedWeights {
  source: string;
  hash: string;
  weights: NamedWeights;
}

function checked(source: string, hash: string, weights: NamedWeights): SourcedWeights {
  checkWeights(vgg16WeightShapes(), weights);
  return { source, hash, weights };
}

async function fromHdf5(source: string, bytes: ArrayBuffer, options: SourceOptions) {
  const hash = await sha256Hex([bytes]);
  const onProgress = (loaded: number, total: number | null) =>
    options.onProgress?.('parse', loaded, total);
  return checked(source, hash, await readKerasWeights(bytes, { fileName: source, onProgress }));
}

async function fromTfjs(source: string, json: ArrayBuffer, shards: Map<string, ArrayBuffer>) {
  const weights = readTfjsLayersWeights(new TextDecoder().decode(json), shards);
  const ordered = [...shards.keys()].sort().map((name) => shards.get(name) as ArrayBuffer);
  return checked(source, await sha256Hex([json, ...ordered]), weights);
}

const manifestOf = (files: readonly WeightFile[]) =>
  files.find((f) => f.name.toLowerCase().endsWith('.json'));

/** The name a set of chosen files goes by: the model.json, else the first file. */
export function filesSource(files: readonly WeightFile[]): string {
  return (manifestOf(files) ?? files[0])?.name ?? 'no file';
}

/** One .h5 file, or a model.json with its .bin shards (matched by file name). */
export async function weightsFromFiles(
  files: readonly WeightFile[],
  options: SourceOptions = {},
): Promise<SourcedWeights> {
  const json = manifestOf(files);
  if (json) {
    options.onProgress?.('read', 0, null);
    const shards = new Map<string, ArrayBuffer>();
    for (const shard of files) {
      if (shard !== json) shards.set(shard.name, await shard.arrayBuffer());
      options.signal?.throwIfAborted();
    }
    return fromTfjs(json.name, await json.arrayBuffer(), shards);
  }
  const [file, ...rest] = files;
  if (!file) throw new Error('No file was chosen');
  if (rest.length > 0) {
    throw new Error(
      `Choose one .h5 file, or a model.json with its .bin files (got ${files.length} files without a model.json)`,
    );
  }
  options.onProgress?.('read', 0, file.size);
  const bytes = await file.arrayBuffer();
  options.signal?.throwIfAborted();
  return fromHdf5(file.name, bytes, options);
}

function fileNameOf(url: URL): string {
  return decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
}

/** A Keras .h5 file, or a tfjs model.json whose shards are fetched beside it. */
export async function weightsFromUrl(
  url: string,
  options: SourceOptions = {},
): Promise<SourcedWeights> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a full URL (it should start with https://)`);
  }
  options.onProgress?.('download', 0, null);
  const get = (target: string) =>
    download(target, {
      fetch: options.fetch,
      online: options.online,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.('download', p.loaded, p.total),
    });
  const bytes = await get(parsed.href);
  if (!fileNameOf(parsed).toLowerCase().endsWith('.json')) {
    return fromHdf5(fileNameOf(parsed) || url, bytes, options);
  }
  const shards = new Map<string, ArrayBuffer>();
  for (const path of manifestPaths(new TextDecoder().decode(bytes))) {
    shards.set(path, await get(new URL(path, parsed).href));
  }
  return fromTfjs(url, bytes, shards);
}
