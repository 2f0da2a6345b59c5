import * as tf from '@tensorflow/tfjs';
import type { BlockNumber, LayerRow, ModelOptions, ModelSummary } from '../../domain/model.ts';
import { formatInputShape, formatShape, planClassifierRows } from './architecture.ts';

export function summaryFromRows(rows: LayerRow[], trainableParams?: number): ModelSummary {
  const total = rows.reduce((sum, r) => sum + r.params, 0);
  const trainable =
    trainableParams ?? rows.reduce((sum, r) => sum + (r.trainable ? r.params : 0), 0);
  return { rows, total, trainable, nonTrainable: total - trainable };
}

function weightCount(weights: tf.LayerVariable[]): number {
  // read() hands back the variable's own tensor: nothing is allocated.
  return weights.reduce((sum, w) => sum + w.read().size, 0);
}

function outputShapeOf(layer: tf.layers.Layer): string {
  const shape = layer.outputShape;
  const single = Array.isArray(shape[0]) ? shape[0] : shape;
  const dims = (single as (number | null)[]).map((d) => d ?? null);
  return layer.getClassName() === 'InputLayer' ? formatInputShape(dims) : formatShape(dims);
}

/** Leaf layers in order; a nested model contributes its own layers (input layer excepted). */
function leafLayers(model: tf.LayersModel, nested: boolean): tf.layers.Layer[] {
  return model.layers.flatMap((layer) => {
    if (layer instanceof tf.LayersModel) return leafLayers(layer, true);
    if (nested && layer.getClassName() === 'InputLayer') return [];
    return [layer];
  });
}

/** Keras's `model.summary()` as data: one row per layer, then the three totals. */
export function summarizeModel(model: tf.LayersModel): ModelSummary {
  const rows = leafLayers(model, false).map(
    (layer): LayerRow => ({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: outputShapeOf(layer),
      params: layer.countParams(),
      trainable: layer.trainable,
    }),
  );
  const trainable = leafLayers(model, false).reduce(
    (sum, layer) => sum + weightCount(layer.trainableWeights),
    0,
  );
  return summaryFromRows(rows, trainable);
}

/** The summary `summarizeModel` gives for a built classifier, from shapes alone. */
export function planClassifierSummary(
  options: ModelOptions,
  fromBlock: BlockNumber | null,
): ModelSummary {
  return summaryFromRows(planClassifierRows(options, fromBlock));
}
