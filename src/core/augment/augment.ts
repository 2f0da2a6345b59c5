import * as tf from '@tensorflow/tfjs';
import type { AugmentParams } from '../../domain/dataset.ts';
import { seededRandom } from '../random.ts';

/** One image's draw of the random parameters. */
export interface AugmentDraw {
  flip: boolean;
  /** Radians. */
  angle: number;
  zoomX: number;
  zoomY: number;
  /** Pixels. */
  shiftX: number;
  shiftY: number;
  brightness: number;
}

const uniform = (random: () => number, low: number, high: number) => low + (high - low) * random();

/** The per-image parameters for a batch, from the seed alone. */
export function drawAugmentations(
  count: number,
  width: number,
  height: number,
  params: AugmentParams,
  seed: number,
): AugmentDraw[] {
  const random = seededRandom(seed);
  const r = (params.rotationRange * Math.PI) / 180;
  const [bLow, bHigh] = params.brightnessRange;
  return Array.from({ length: count }, () => ({
    flip: params.horizontalFlip && random() < 0.5,
    angle: r > 0 ? uniform(random, -r, r) : 0,
    zoomX: params.zoomRange > 0 ? uniform(random, 1 - params.zoomRange, 1 + params.zoomRange) : 1,
    zoomY: params.zoomRange > 0 ? uniform(random, 1 - params.zoomRange, 1 + params.zoomRange) : 1,
    shiftX:
      params.widthShift > 0 ? uniform(random, -params.widthShift, params.widthShift) * width : 0,
    shiftY:
      params.heightShift > 0
        ? uniform(random, -params.heightShift, params.heightShift) * height
        : 0,
    brightness: bLow !== 1 || bHigh !== 1 ? uniform(random, bLow, bHigh) : 1,
  }));
}

/**
 * The projective matrix tf.image.transform wants: it maps each output pixel
 * to the input pixel it samples. Rotation and zoom turn about the centre,
 * then the shift moves the sampling point, then the flip mirrors it.
 */
export function transformRow(d: AugmentDraw, width: number, height: number): number[] {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const cos = Math.cos(d.angle);
  const sin = Math.sin(d.angle);
  let a0 = d.zoomX * cos;
  let a1 = -d.zoomX * sin;
  let a2 = cx - a0 * cx - a1 * cy + d.shiftX;
  const b0 = d.zoomY * sin;
  const b1 = d.zoomY * cos;
  const b2 = cy - b0 * cx - b1 * cy + d.shiftY;
  if (d.flip) {
    a0 = -a0;
    a1 = -a1;
    a2 = width - 1 - a2;
  }
  return [a0, a1, a2, b0, b1, b2, 0, 0];
}

/**
 * Keras fills uncovered pixels from the nearest edge (fill_mode='nearest').
 * tfjs 4.22's CPU Transform kernel returns after the first image of a batch
 * (the rest stay zero), so on that backend each image goes through alone.
 */
function transformImages(images: tf.Tensor4D, matrices: tf.Tensor2D): tf.Tensor4D {
  if (tf.getBackend() !== 'cpu' || images.shape[0] === 1) {
    return tf.image.transform(images, matrices, 'bilinear', 'nearest');
  }
  const singles = tf.split(images, images.shape[0]) as tf.Tensor4D[];
  const rows = tf.split(matrices, images.shape[0]);
  return tf.concat(
    singles.map((image, i) =>
      tf.image.transform(image, rows[i] as tf.Tensor2D, 'bilinear', 'nearest'),
    ),
  );
}

const isIdentity = (d: AugmentDraw) =>
  !d.flip && d.angle === 0 && d.zoomX === 1 && d.zoomY === 1 && d.shiftX === 0 && d.shiftY === 0;

/**
 * Keras ImageDataGenerator's random flip, rotation, zoom, shift and
 * brightness as one batched transform plus one multiply: float32 RGB in
 * 0..255 in and out, same shape, the same output for the same seed. The
 * input is not disposed; the result is always a new tensor.
 */
export function augmentBatch(
  images: tf.Tensor4D,
  params: AugmentParams,
  seed: number,
): tf.Tensor4D {
  const [count, height, width] = images.shape;
  const draws = drawAugmentations(count, width, height, params, seed);
  return tf.tidy(() => {
    let out: tf.Tensor4D = images;
    if (!draws.every(isIdentity)) {
      const matrices = tf.tensor2d(
        draws.flatMap((d) => transformRow(d, width, height)),
        [count, 8],
      );
      out = transformImages(out, matrices);
    }
    if (draws.some((d) => d.brightness !== 1)) {
      const factors = tf.tensor4d(
        draws.map((d) => d.brightness),
        [count, 1, 1, 1],
      );
      out = tf.clipByValue(tf.mul<tf.Tensor4D>(out, factors), 0, 255);
    }
    return out === images ? tf.clone(images) : out;
  });
}
