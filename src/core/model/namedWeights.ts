/** One weight array as a file holds it: plain numbers, no tensors, so it can be cached and posted. */
export interface WeightArray {
  /** As the file names it: "block1_conv1_W_1:0", "block1_conv1/kernel:0", "block1_conv1/kernel". */
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Layer name → its weights in the layer's order (kernel, then bias). */
export type NamedWeights = Map<string, WeightArray[]>;

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function listLayers(names: string[]): string {
  if (names.length === 0) return 'no layer with weights';
  const shown = names.length > 4 ? [...names.slice(0, 2), '…', ...names.slice(-2)] : names;
  return `${names.length} layers with weights: ${shown.join(', ')}`;
}

/**
 * Checks `weights` against the shapes a model expects (layer name → shapes
 * in order), in the model's layer order, and throws naming the first
 * mismatch. Layers the model lacks (a top classifier, say) are ignored.
 */
export function checkWeights(expected: Map<string, number[][]>, weights: NamedWeights): void {
  for (const [layer, shapes] of expected) {
    const found = weights.get(layer);
    if (!found) {
      throw new Error(
        `The weights have nothing for layer ${layer} (they hold ${listLayers([...weights.keys()])})`,
      );
    }
    if (found.length !== shapes.length) {
      throw new Error(
        `Layer ${layer}: the weights hold ${found.length} arrays, the model expects ${shapes.length}`,
      );
    }
    shapes.forEach((shape, i) => {
      const got = found[i];
      if (!got) return;
      if (got.shape.length !== shape.length || got.shape.some((d, k) => d !== shape[k])) {
        throw new Error(
          `Layer ${layer}: weight ${got.name} has shape ${shapeText(got.shape)}, the model expects ${shapeText(shape)}`,
        );
      }
      if (got.values.length !== sizeOf(shape)) {
        throw new Error(
          `Layer ${layer}: weight ${got.name} holds ${got.values.length} numbers, its shape ${shapeText(shape)} needs ${sizeOf(shape)}`,
        );
      }
    });
  }
}

export function countWeights(weights: NamedWeights): number {
  let total = 0;
  for (const arrays of weights.values()) for (const a of arrays) total += a.values.length;
  return total;
}
