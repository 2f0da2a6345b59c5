import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  conv2dBackpropFilterWith,
  filterGradientForm,
} from '../../src/core/backend/kernels/conv2dBackpropFilter.ts';
import { coversInputGradient } from '../../src/core/backend/kernels/conv2dBackpropInput.ts';
import {
  conv2dFewChannelsWith,
  coversFewChannels,
} from '../../src/core/backend/kernels/conv2dFewChannels.ts';
import {
  fastKernelsOn,
  registerFastKernels,
  restoreTfjsKernels,
} from '../../src/core/backend/kernels/register.ts';
import { vgg16ConvShapes } from '../../src/core/model/architecture.ts';
import { seededRandom } from '../../src/core/random.ts';
import { dawnBackend, relativeError } from '../support/dawnBackend.ts';

/**
 * Every composed WebGPU kernel against tfjs's CPU kernels, on Dawn in Node
 * (SwiftShader without a GPU), for VGG16's 13 convolutions. Their sides are
 * scaled down (224 → 6 … 14 → 3, one column wider than tall) and blocks 3–5
 * have a quarter of their channels: tfjs's CPU filter gradient is a plain
 * loop (one 3×4×512→512 case at batch 8 took over a minute). Blocks 1–2 keep
 * their channels (3, 64, 128), so both composed forms and the first layer's
 * forward are exercised at their real widths.
 */

const TOLERANCE = 1e-4;
const VGG16 = vgg16ConvShapes();
const SCALED_SIDE: Record<number, number> = { 224: 6, 112: 5, 56: 4, 28: 3, 14: 3 };
const channels = (layer: number, count: number) => (layer >= 4 ? count / 4 : count);
/** Batch 1, 8 and an odd size, taken in turn layer by layer. */
const BATCHES = [1, 8, 3];

interface Case {
  name: string;
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  pad: 'same' | 'valid';
  stride: 1 | 2;
}

const cases: Case[] = VGG16.flatMap(([name, side, inChannels, outChannels], i) =>
  (['same', 'valid'] as const).map((pad) => ({
    name,
    batch: BATCHES[i % BATCHES.length] as number,
    height: SCALED_SIDE[side] as number,
    width: (SCALED_SIDE[side] as number) + 1,
    inChannels: channels(i, inChannels),
    outChannels: channels(i, outChannels),
    pad,
    stride: 1 as const,
  })),
);
/** Stride 2 is not covered: tfjs's own kernel must run, and agree. */
const strided: Case[] = [cases[0], cases[3], cases[16]].map((c) => ({ ...(c as Case), stride: 2 }));

function values(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

interface Arrays {
  x: Float32Array;
  filter: Float32Array;
  dy: Float32Array;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  dyShape: [number, number, number, number];
}

function arrays(c: Case, seed: number): Arrays {
  const xShape: Arrays['xShape'] = [c.batch, c.height, c.width, c.inChannels];
  const filterShape: Arrays['filterShape'] = [3, 3, c.inChannels, c.outChannels];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.stride, 1, c.pad);
  const dyShape: Arrays['dyShape'] = [c.batch, info.outHeight, info.outWidth, c.outChannels];
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return {
    x: values(size(xShape), seed),
    filter: values(size(filterShape), seed + 1),
    dy: values(size(dyShape), seed + 2),
    xShape,
    filterShape,
    dyShape,
  };
}

type Op = 'Conv2D' | 'FusedConv2D' | 'Conv2DBackpropFilter' | 'Conv2DBackpropInput';

/** One kernel through tfjs's registry on the current backend. */
async function run(op: Op, c: Case, a: Arrays): Promise<Float32Array> {
  const x = tf.tensor4d(a.x, a.xShape);
  const filter = tf.tensor4d(a.filter, a.filterShape);
  const dy = tf.tensor4d(a.dy, a.dyShape);
  const bias = tf.tensor1d(a.filter.slice(0, c.outChannels));
  const conv = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' as const, dilations: 1 };
  const engine = tf.engine();
  const out = (() => {
    switch (op) {
      case 'Conv2D':
        return engine.runKernel(op, { x, filter }, conv);
      case 'FusedConv2D':
        return engine.runKernel(op, { x, filter, bias }, { ...conv, activation: 'relu' });
      case 'Conv2DBackpropFilter':
        return engine.runKernel(op, { x, dy }, { ...conv, filterShape: a.filterShape });
      case 'Conv2DBackpropInput':
        return engine.runKernel(op, { dy, filter }, { ...conv, inputShape: a.xShape });
    }
  })() as tf.Tensor;
  const data = (await out.data()) as Float32Array;
  tf.dispose([x, filter, dy, bias, out]);
  return data;
}

async function onCpu(op: Op, c: Case, a: Arrays): Promise<Float32Array> {
  await tf.setBackend('cpu');
  try {
    return await run(op, c, a);
  } finally {
    await tf.setBackend('webgpu');
  }
}

async function expectParity(op: Op, c: Case, seed: number): Promise<void> {
  const a = arrays(c, seed);
  const expected = await onCpu(op, c, a);
  const before = tf.memory().numTensors;
  const actual = await run(op, c, a);
  expect(tf.memory().numTensors).toBe(before);
  const error = relativeError(actual, expected);
  expect(error, `${op} ${c.name} batch ${c.batch} ${c.pad} stride ${c.stride}`).toBeLessThan(
    TOLERANCE,
  );
}

const label = (c: Case) =>
  `${c.name} (${c.batch}×${c.height}×${c.width}×${c.inChannels}→${c.outChannels}, ${c.pad}, stride ${c.stride})`;

const dawn = await dawnBackend();
const unavailable = 'reason' in dawn ? dawn.reason : null;
if (unavailable) console.warn(`WebGPU kernel parity skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('composed WebGPU convolution kernels (Dawn)', () => {
  afterAll(() => restoreTfjsKernels('webgpu'));

  it('register on webgpu only, and the default leaves the unmeasured input gradient alone', () => {
    expect(registerFastKernels('webgl')).toEqual([]);
    expect(registerFastKernels('webgpu').sort()).toEqual([
      'Conv2D',
      'Conv2DBackpropFilter',
      'FusedConv2D',
    ]);
    expect(registerFastKernels('webgpu', 'tfjs')).toEqual([]);
    expect(fastKernelsOn('webgpu')).toEqual([]);
    expect(registerFastKernels('webgpu', 'all')).toContain('Conv2DBackpropInput');
  });

  it('pick im2col for few input channels, nine windows for deep layers, tfjs for stride 2', () => {
    const form = (c: Case) =>
      filterGradientForm([c.batch, c.height, c.width, c.inChannels], {
        strides: c.stride,
        pad: c.pad,
        filterShape: [3, 3, c.inChannels, c.outChannels],
      });
    expect(cases.filter((c) => c.inChannels <= 64).map(form)).not.toContain('windows');
    expect(cases.filter((c) => c.inChannels > 64).map(form)).not.toContain('im2col');
    expect(strided.map(form)).toEqual([null, null, null]);
    const shape = (c: Case) => [c.batch, c.height, c.width, c.inChannels];
    const conv = (c: Case) => ({ strides: c.stride, pad: c.pad });
    expect(
      cases.filter((c) => coversFewChannels(shape(c), [3, 3, c.inChannels, 1], conv(c))),
    ).toEqual(cases.slice(0, 2));
    for (const c of strided) {
      expect(
        coversInputGradient([3, 3, c.inChannels, c.outChannels], {
          ...conv(c),
          inputShape: shape(c) as [number, number, number, number],
        }),
      ).toBe(false);
    }
  });

  describe('agree with tfjs CPU kernels to 1e-4 relative', () => {
    it.each(cases.map((c, i) => [label(c), c, i] as const))(
      'filter gradient, %s',
      async (_, c, i) => {
        registerFastKernels('webgpu', 'all');
        await expectParity('Conv2DBackpropFilter', c, 100 + i);
      },
    );
    it.each(cases.map((c, i) => [label(c), c, i] as const))(
      'input gradient, %s',
      async (_, c, i) => {
        registerFastKernels('webgpu', 'all');
        await expectParity('Conv2DBackpropInput', c, 200 + i);
      },
    );
    it.each(
      cases
        .slice(0, 2)
        .flatMap((c) => BATCHES.map((batch) => ({ ...c, batch })))
        .map((c, i) => [label(c), c, i] as const),
    )('first-layer forward, plain and fused with bias and ReLU, %s', async (_, c, i) => {
      registerFastKernels('webgpu', 'all');
      await expectParity('Conv2D', c, 300 + i);
      await expectParity('FusedConv2D', c, 400 + i);
    });
    it.each(strided.map((c, i) => [label(c), c, i] as const))(
      'stride 2 falls back to tfjs, %s',
      async (_, c, i) => {
        registerFastKernels('webgpu', 'all');
        for (const op of ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'] as const) {
          await expectParity(op, c, 500 + i);
        }
      },
    );
  });

  it('split the im2col copy into chunks of images when it would be too large, and still agree', async () => {
    const c = { ...(cases[1] as Case), batch: 8 };
    const a = arrays(c, 600);
    const info = tf.backend_util.computeConv2DInfo(a.xShape, a.filterShape, 1, 1, c.pad);
    // Room for three images' copies: chunks of 3, 3 and 2, summed.
    const threeImages = 3 * info.outHeight * info.outWidth * 9 * c.inChannels * 4;
    const expectedFilter = await onCpu('Conv2DBackpropFilter', c, a);
    const expectedForward = await onCpu(
      'Conv2D',
      { ...c, inChannels: 3 },
      arrays({ ...c, inChannels: 3 }, 601),
    );
    const original = tf.getKernel('Conv2DBackpropFilter', 'webgpu');
    const originalConv = tf.getKernel('Conv2D', 'webgpu');
    restoreTfjsKernels('webgpu');
    tf.unregisterKernel('Conv2DBackpropFilter', 'webgpu');
    tf.unregisterKernel('Conv2D', 'webgpu');
    const chunkedFilter = conv2dBackpropFilterWith(threeImages);
    const chunkedConv = conv2dFewChannelsWith(3 * info.outHeight * info.outWidth * 9 * 3 * 4);
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => chunkedFilter(args, original.kernelFunc),
    });
    tf.registerKernel({
      ...originalConv,
      kernelFunc: (args) => chunkedConv(args, originalConv.kernelFunc),
    });
    try {
      expect(relativeError(await run('Conv2DBackpropFilter', c, a), expectedFilter)).toBeLessThan(
        TOLERANCE,
      );
      const few = { ...c, inChannels: 3 };
      expect(
        relativeError(await run('Conv2D', few, arrays(few, 601)), expectedForward),
      ).toBeLessThan(TOLERANCE);
    } finally {
      tf.unregisterKernel('Conv2DBackpropFilter', 'webgpu');
      tf.unregisterKernel('Conv2D', 'webgpu');
      tf.registerKernel(original);
      tf.registerKernel(originalConv);
    }
  });
});
