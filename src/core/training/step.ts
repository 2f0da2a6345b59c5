import * as tf from '@tensorflow/tfjs';

export interface StepResult {
  loss: number;
  accuracy: number;
}

/**
 * Dropout layers draw their mask from `seed`; tfjs reuses one seed for every
 * call, so the trainer sets a fresh one per step to keep masks random yet
 * replayable. The field is not part of tfjs's public typing.
 */
export function setDropoutSeed(model: tf.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed: number }).seed = seed;
  }
}

/** Mean binary cross-entropy on probabilities, clipped like Keras (epsilon 1e-7). */
export function bceLoss(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.metrics.binaryCrossentropy(labels, probabilities).mean() as tf.Scalar);
}

/** Fraction of probabilities on the right side of 0.5. */
export function binaryAccuracy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.metrics.binaryAccuracy(labels, probabilities).mean() as tf.Scalar);
}

/**
 * One SGD step of `model` on (inputs, labels), updating only `variables`.
 * Returns the batch loss and accuracy from the same forward pass, as Keras reports them.
 */
export async function trainStep(
  model: tf.LayersModel,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  inputs: tf.Tensor,
  labels: tf.Tensor,
): Promise<StepResult> {
  let probabilities: tf.Tensor | null = null;
  const cost = optimizer.minimize(
    () => {
      const p = model.apply(inputs, { training: true }) as tf.Tensor;
      probabilities = tf.keep(p);
      return bceLoss(labels, p);
    },
    true,
    variables,
  );
  const p = probabilities as tf.Tensor | null;
  if (!cost || !p) throw new Error('The training step produced no loss');
  const accuracy = binaryAccuracy(labels, p);
  // The clipped loss stays finite even when the outputs are NaN, so check them directly.
  const broken = tf.tidy(() => tf.logicalNot(tf.isFinite(p)).any());
  const [lossValue, accuracyValue, brokenValue] = await Promise.all([
    cost.data(),
    accuracy.data(),
    broken.data(),
  ]);
  tf.dispose([cost, accuracy, p, broken]);
  const loss = brokenValue[0] ? Number.NaN : (lossValue[0] as number);
  return { loss, accuracy: accuracyValue[0] as number };
}

/** Class-1 probabilities for a batch, without dropout. */
export async function predictProbabilities(
  model: tf.LayersModel,
  inputs: tf.Tensor,
): Promise<Float32Array> {
  const p = tf.tidy(() => (model.apply(inputs, { training: false }) as tf.Tensor).reshape([-1]));
  const values = (await p.data()) as Float32Array;
  p.dispose();
  return values;
}
