import { type NamedWeights, sizeOf, type WeightArray } from './namedWeights.ts';

/** The parts of a tfjs `model.json` weights manifest this reader uses. */
interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}
interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseManifest(json: unknown): ManifestGroup[] {
  if (!isRecord(json)) throw new Error('model.json does not hold a JSON object');
  if (json.format === 'graph-model') {
    throw new Error('model.json is a tfjs graph model; VGG16 weights need a tfjs layers model');
  }
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error('model.json has no "weightsManifest"');
  return manifest.map((group, g): ManifestGroup => {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new Error(`model.json: weightsManifest[${g}] lacks "paths" or "weights"`);
    }
    return {
      paths: group.paths.map(String),
      weights: group.weights.map((w, i): ManifestEntry => {
        if (!isRecord(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) {
          throw new Error(`model.json: weightsManifest[${g}].weights[${i}] lacks a name or shape`);
        }
        const q = isRecord(w.quantization) ? w.quantization : undefined;
        const entry: ManifestEntry = {
          name: w.name,
          shape: w.shape.map(Number),
          dtype: typeof w.dtype === 'string' ? w.dtype : 'float32',
        };
        if (q) {
          entry.quantization = {
            dtype: String(q.dtype),
            ...(typeof q.scale === 'number' ? { scale: q.scale } : {}),
            ...(typeof q.min === 'number' ? { min: q.min } : {}),
          };
        }
        return entry;
      }),
    };
  });
}

function parseJson(modelJson: string): unknown {
  try {
    return JSON.parse(modelJson);
  } catch (error) {
    throw new Error(
      `model.json is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** The weight files a tfjs `model.json` names, in manifest order, each once. */
export function manifestPaths(modelJson: string): string[] {
  return [...new Set(parseManifest(parseJson(modelJson)).flatMap((group) => group.paths))];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function float16ToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Decodes one entry at `offset`; returns the values and the bytes it took. */
function decodeEntry(
  entry: ManifestEntry,
  bytes: Uint8Array,
  offset: number,
): [Float32Array, number] {
  const n = sizeOf(entry.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const q = entry.quantization;
  const out = new Float32Array(n);
  const need = (perValue: number) => {
    if (offset + n * perValue > bytes.byteLength) {
      throw new Error(`the weight files end before weight ${entry.name}`);
    }
    return n * perValue;
  };
  if (!q) {
    if (entry.dtype !== 'float32') {
      throw new Error(`weight ${entry.name} is ${entry.dtype}; only float32 weights are expected`);
    }
    const used = need(4);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
    return [out, used];
  }
  if (q.dtype === 'float16') {
    const used = need(2);
    for (let i = 0; i < n; i++) out[i] = float16ToFloat32(view.getUint16(i * 2, true));
    return [out, used];
  }
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    const size = q.dtype === 'uint8' ? 1 : 2;
    const used = need(size);
    for (let i = 0; i < n; i++) {
      const v = size === 1 ? view.getUint8(i) : view.getUint16(i * 2, true);
      out[i] = v * scale + min;
    }
    return [out, used];
  }
  throw new Error(`weight ${entry.name} uses unsupported quantization ${q.dtype}`);
}

/**
 * Reads the weights of a tfjs layers model (`model.json` plus its `.bin`
 * shards, matched by file name) into the same per-layer form as a Keras
 * file. A weight named "block1_conv1/kernel" belongs to layer block1_conv1.
 */
export function readTfjsLayersWeights(
  modelJson: string,
  shards: Map<string, ArrayBuffer>,
): NamedWeights {
  const json = parseJson(modelJson);
  const byBaseName = new Map([...shards].map(([name, buffer]) => [baseName(name), buffer]));
  const weights: NamedWeights = new Map();
  for (const group of parseManifest(json)) {
    const parts = group.paths.map((path) => {
      const shard = byBaseName.get(baseName(path));
      if (!shard) {
        throw new Error(`model.json needs ${baseName(path)}: choose it together with model.json`);
      }
      return new Uint8Array(shard);
    });
    const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    let offset = 0;
    for (const entry of group.weights) {
      const [values, used] = decodeEntry(entry, bytes, offset);
      offset += used;
      const segments = entry.name.split('/');
      const layer = segments.length > 1 ? (segments.at(-2) ?? entry.name) : entry.name;
      const array: WeightArray = { name: entry.name, shape: entry.shape, values };
      weights.set(layer, [...(weights.get(layer) ?? []), array]);
    }
  }
  return weights;
}
