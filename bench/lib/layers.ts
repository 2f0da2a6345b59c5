import * as tf from '@tensorflow/tfjs';
import { vgg16ConvShapes } from '../../src/core/model/architecture.ts';

/** Per-layer timing of VGG16's 13 convolutions: forward, input gradient, filter gradient. */

export const VGG16_CONVS = vgg16ConvShapes();

export type LayerOp = 'forward' | 'inputGradient' | 'filterGradient';
export const LAYER_OPS: readonly LayerOp[] = ['forward', 'inputGradient', 'filterGradient'];

export interface LayerRow {
  layer: string;
  /** The side the network input has (224 at full size); the layer's own side follows from it. */
  inputSize: number;
  batch: number;
  kernels: string;
  ms: Record<LayerOp, number | null>;
  tflops: Record<LayerOp, number | null>;
}

const REPEATS = 5;

async function timeMs(run: () => tf.Tensor): Promise<number> {
  const warm = run();
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const out = run();
    await out.data();
    times.push(performance.now() - t0);
    out.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * Median ms of each op on the current backend (its kernels as registered now),
 * reading the result back each time; TFLOP/s from 2·batch·H·W·Cin·Cout·9 FLOP.
 */
export async function measureLayers(
  inputSize: number,
  batch: number,
  kernels: string,
  log: (line: string) => void = () => {},
): Promise<LayerRow[]> {
  const rows: LayerRow[] = [];
  for (const [layer, fullSide, cin, cout] of VGG16_CONVS) {
    const side = (fullSide * inputSize) / 224;
    const x = tf.randomUniform([batch, side, side, cin]) as tf.Tensor4D;
    const w = tf.randomUniform([3, 3, cin, cout], -0.1, 0.1) as tf.Tensor4D;
    const dy = tf.randomUniform([batch, side, side, cout]) as tf.Tensor4D;
    const conv = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } as const;
    const engine = tf.engine();
    const runs: Record<LayerOp, () => tf.Tensor> = {
      forward: () => engine.runKernel('Conv2D', { x, filter: w }, conv) as tf.Tensor,
      inputGradient: () =>
        engine.runKernel(
          'Conv2DBackpropInput',
          { dy, filter: w },
          { ...conv, inputShape: x.shape },
        ) as tf.Tensor,
      filterGradient: () =>
        engine.runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { ...conv, filterShape: w.shape },
        ) as tf.Tensor,
    };
    const flop = 2 * batch * side * side * cin * cout * 9;
    const row: LayerRow = {
      layer,
      inputSize,
      batch,
      kernels,
      ms: { forward: null, inputGradient: null, filterGradient: null },
      tflops: { forward: null, inputGradient: null, filterGradient: null },
    };
    for (const op of LAYER_OPS) {
      try {
        const ms = await timeMs(runs[op]);
        row.ms[op] = ms;
        row.tflops[op] = flop / (ms / 1000) / 1e12;
      } catch (error) {
        log(`${layer} ${op} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    log(
      `${kernels} ${layer}: ${LAYER_OPS.map((op) => `${op} ${row.ms[op]?.toFixed(1) ?? '—'} ms`).join(', ')}`,
    );
    rows.push(row);
    tf.dispose([x, w, dy]);
  }
  return rows;
}

/** The per-layer table as text: ms and TFLOP/s for each op. */
export function layerTable(rows: LayerRow[]): string[] {
  const out = [
    'layer            kernels  forward ms (TFLOP/s)  input grad ms (TFLOP/s)  filter grad ms (TFLOP/s)',
  ];
  const cell = (r: LayerRow, op: LayerOp) => {
    const ms = r.ms[op];
    const tf32 = r.tflops[op];
    return ms === null || tf32 === null ? '—' : `${ms.toFixed(1)} (${tf32.toFixed(2)})`;
  };
  for (const r of rows) {
    out.push(
      `${r.layer.padEnd(16)} ${r.kernels.padEnd(8)} ${cell(r, 'forward').padStart(20)}  ${cell(r, 'inputGradient').padStart(23)}  ${cell(r, 'filterGradient').padStart(24)}`,
    );
  }
  return out;
}
