import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * WASM (XNNPACK) runs VGG16's convolutions many times faster than the plain
 * CPU backend in Node; it lacks convolution gradients, so fine-tuning tests use 'cpu'.
 */
export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}
