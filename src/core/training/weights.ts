import * as tf from '@tensorflow/tfjs';

/** Weights as plain arrays: cheap to keep, structured-cloneable into IndexedDB. */
export interface WeightSnapshot {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Reads back asynchronously: a synchronous GPU readback stalls WebGPU (and a software adapter loses its device). */
export async function snapshotVariables(
  variables: readonly tf.LayerVariable[],
): Promise<WeightSnapshot[]> {
  return Promise.all(
    variables.map(async (v) => {
      const tensor = v.read();
      return {
        name: v.originalName ?? v.name,
        shape: [...tensor.shape],
        values: (await tensor.data()) as Float32Array,
      };
    }),
  );
}

/** Restores by position; checks every shape so a mismatch names the variable. */
export function restoreVariables(
  variables: readonly tf.LayerVariable[],
  snapshot: readonly WeightSnapshot[],
): void {
  if (variables.length !== snapshot.length) {
    throw new Error(
      `Checkpoint holds ${snapshot.length} weight arrays, the model has ${variables.length}`,
    );
  }
  variables.forEach((v, i) => {
    const saved = snapshot[i] as WeightSnapshot;
    const shape = v.shape;
    if (saved.shape.length !== shape.length || saved.shape.some((d, k) => d !== shape[k])) {
      throw new Error(
        `Checkpoint weight ${saved.name} has shape [${saved.shape}], the model expects [${shape}]`,
      );
    }
    const value = tf.tensor(saved.values, saved.shape, 'float32');
    v.write(value);
    value.dispose();
  });
}

/** Optimizer slots (momentum accumulators), in the order of the variables they follow. */
export async function snapshotOptimizer(optimizer: tf.Optimizer): Promise<WeightSnapshot[]> {
  const named = await optimizer.getWeights();
  const out = await Promise.all(
    named.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: new Float32Array(await tensor.data()),
    })),
  );
  // getWeights hands back the iteration counter as a new tensor; the slots are the optimizer's own.
  const iterations = named[0];
  if (iterations && iterations.name === 'iter') iterations.tensor.dispose();
  return out;
}

export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  snapshot: readonly WeightSnapshot[],
): Promise<void> {
  if (snapshot.length === 0) return;
  const named = snapshot.map((s) => ({
    name: s.name,
    tensor: tf.tensor(s.values, s.shape, 'float32'),
  }));
  await optimizer.setWeights(named);
  for (const { tensor } of named) tensor.dispose();
}
