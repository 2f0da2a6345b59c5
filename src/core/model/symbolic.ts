import * as tf from '@tensorflow/tfjs';

/** Applies a layer to a symbolic tensor; tfjs types `apply` loosely, so check what comes back. */
export function applySymbolic(layer: tf.layers.Layer, input: tf.SymbolicTensor): tf.SymbolicTensor {
  const output = layer.apply(input);
  if (!(output instanceof tf.SymbolicTensor)) {
    throw new Error(`Layer ${layer.name} did not return one symbolic tensor`);
  }
  return output;
}

/** A seeded Glorot initialiser; each layer gets its own seed so equal shapes differ. */
export function glorot(
  seed: number | undefined,
  index: number,
): ReturnType<typeof tf.initializers.glorotUniform> {
  return seed === undefined
    ? tf.initializers.glorotUniform({})
    : tf.initializers.glorotUniform({ seed: seed + index });
}
