import * as tf from '@tensorflow/tfjs';
import type { ActiveModel, Prediction } from '../../domain/export.ts';
import { rgbToPayload } from '../dataset/payload.ts';
import type { ImageDecoder } from '../dataset/types.ts';
import { preprocessCaffe } from '../model/preprocess.ts';
import { predictProbabilities } from '../training/step.ts';

/**
 * p(class 1) for one size × size RGB image, with the preprocessing used in
 * training (caffe, outside the model) and no dropout.
 */
export async function predictRgb(
  model: tf.LayersModel,
  rgb: Uint8Array,
  size: number,
): Promise<number> {
  if (rgb.length !== size * size * 3) {
    throw new Error(
      `Expected ${size}×${size} RGB pixels (${size * size * 3} bytes), got ${rgb.length}.`,
    );
  }
  const x = tf.tidy(() => preprocessCaffe(tf.tensor4d(rgb, [1, size, size, 3], 'float32')));
  try {
    const [p] = await predictProbabilities(model, x);
    return p as number;
  } finally {
    x.dispose();
  }
}

/** The predicted class and how sure the model is of it, at `threshold`. */
export function verdict(
  probability: number,
  classNames: [string, string],
  threshold: number,
): Pick<Prediction, 'className' | 'confidence'> {
  return probability >= threshold
    ? { className: classNames[1], confidence: probability }
    : { className: classNames[0], confidence: 1 - probability };
}

/** One photo through the model in use: the verdict and the input the model saw. */
export async function predictPhoto(
  model: tf.LayersModel,
  info: ActiveModel,
  photo: { bytes: Uint8Array; fileName: string },
  decoder: ImageDecoder,
  threshold: number,
): Promise<Prediction> {
  const size = info.inputSize;
  const decoded = await decoder.decode(photo.bytes, photo.fileName, size);
  const probability = await predictRgb(model, decoded.data, size);
  return {
    fileName: photo.fileName,
    probability,
    ...verdict(probability, info.classNames, threshold),
    input: rgbToPayload(decoded.data, size),
    model: info,
  };
}
