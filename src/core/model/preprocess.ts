import * as tf from '@tensorflow/tfjs';

/** ImageNet channel means in BGR order, as Keras's "caffe" mode subtracts them. */
export const CAFFE_MEAN_BGR: readonly [number, number, number] = [103.939, 116.779, 123.68];

/**
 * Keras `preprocess_input` in "caffe" mode, which VGG16's weights expect:
 * RGB to BGR, subtract the ImageNet means, no scaling. Input: float RGB 0..255, NHWC.
 */
export function preprocessCaffe(rgb: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const bgr = tf.reverse(rgb.toFloat(), -1);
    return tf.sub<tf.Tensor4D>(bgr, tf.tensor1d([...CAFFE_MEAN_BGR]));
  });
}
