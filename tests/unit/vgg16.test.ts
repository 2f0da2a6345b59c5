import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headParamCount,
  planClassifierRows,
  vgg16ConvShapes,
  vgg16ParamCount,
} from '../../src/core/model/architecture.ts';
import { buildClassifier, setTrainableBlocks } from '../../src/core/model/classifier.ts';
import { planClassifierSummary, summarizeModel } from '../../src/core/model/summary.ts';
import { buildVgg16 } from '../../src/core/model/vgg16.ts';
import { DEFAULT_MODEL_OPTIONS, type ModelOptions } from '../../src/domain/model.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const KERAS_NAMES = [
  'input_1',
  'block1_conv1',
  'block1_conv2',
  'block1_pool',
  'block2_conv1',
  'block2_conv2',
  'block2_pool',
  'block3_conv1',
  'block3_conv2',
  'block3_conv3',
  'block3_pool',
  'block4_conv1',
  'block4_conv2',
  'block4_conv3',
  'block4_pool',
  'block5_conv1',
  'block5_conv2',
  'block5_conv3',
  'block5_pool',
];

/** Conv params: 3·3·in·out weights + out biases, over VGG16's 13 convolutions. */
function conv(inC: number, outC: number): number {
  return 9 * inC * outC + outC;
}
const EXPECTED_BASE =
  conv(3, 64) +
  conv(64, 64) +
  conv(64, 128) +
  conv(128, 128) +
  conv(128, 256) +
  2 * conv(256, 256) +
  conv(256, 512) +
  2 * conv(512, 512) +
  3 * conv(512, 512);

describe('VGG16 base', () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = buildVgg16({ inputSize: 224, seed: 1 });
  });
  afterAll(() => model.dispose());

  it('has the 14,714,688 parameters of Keras VGG16(include_top=False)', () => {
    expect(EXPECTED_BASE).toBe(14_714_688);
    expect(model.countParams()).toBe(EXPECTED_BASE);
    expect(vgg16ParamCount()).toBe(EXPECTED_BASE);
  });

  it('has the Keras layer names in order and a 7×7×512 output at 224', () => {
    expect(model.layers.map((l) => l.name)).toEqual(KERAS_NAMES);
    expect(model.inputs[0]?.shape).toEqual([null, 224, 224, 3]);
    expect(model.outputs[0]?.shape).toEqual([null, 7, 7, 512]);
  });

  it('halves the side at every block: the convolution shapes the kernels and bench use', () => {
    const shapes = vgg16ConvShapes(224);
    expect(shapes).toHaveLength(13);
    expect(shapes[0]).toEqual(['block1_conv1', 224, 3, 64]);
    expect(shapes[12]).toEqual(['block5_conv3', 224 / 16, 512, 512]);
    expect(vgg16ConvShapes(64).map(([, side]) => side)).toEqual([
      64, 64, 32, 32, 16, 16, 16, 8, 8, 8, 4, 4, 4,
    ]);
  });

  it('summarises like Keras', () => {
    const summary = summarizeModel(model);
    expect(summary.total).toBe(14_714_688);
    expect(summary.rows[0]).toEqual({
      name: 'input_1',
      type: 'InputLayer',
      outputShape: '[(None, 224, 224, 3)]',
      params: 0,
      trainable: false,
    });
    expect(summary.rows[1]).toMatchObject({
      name: 'block1_conv1',
      type: 'Conv2D',
      outputShape: '(None, 224, 224, 64)',
      params: conv(3, 64),
    });
    expect(summary.rows.at(-1)).toMatchObject({
      name: 'block5_pool',
      type: 'MaxPooling2D',
      outputShape: '(None, 7, 7, 512)',
    });
  });

  it('accepts every multiple of 32 from 32 to 224 and nothing else', () => {
    for (const bad of [0, 16, 48, 256, 33.5]) {
      expect(() => buildVgg16({ inputSize: bad })).toThrow(/multiple of 32/);
    }
    for (const size of [32, 64, 96, 128, 160, 192]) {
      const rows = planClassifierRows({ ...DEFAULT_MODEL_OPTIONS, inputSize: size }, null);
      expect(rows.find((r) => r.name === 'block5_pool')?.outputShape).toBe(
        `(None, ${size / 32}, ${size / 32}, 512)`,
      );
    }
  });
});

describe('classifier head', () => {
  const at64: ModelOptions = { ...DEFAULT_MODEL_OPTIONS, inputSize: 64 };

  it('adds the parameters its formula gives (flatten, one Dense 256)', () => {
    const features = 2 * 2 * 512;
    const expected = features * 256 + 256 + (256 + 1);
    expect(headParamCount(64, at64.head)).toBe(expected);
    const c = buildClassifier(at64, 3);
    try {
      expect(c.head.countParams()).toBe(expected);
      expect(c.full.countParams()).toBe(EXPECTED_BASE + expected);
      expect(c.head.outputs[0]?.shape).toEqual([null, 1]);
      expect(c.full.layers.slice(-4).map((l) => l.name)).toEqual([
        'flatten',
        'dense',
        'dropout',
        'dense_1',
      ]);
    } finally {
      c.dispose();
    }
  });

  it('adds global average pooling and several Dense layers by their formula', () => {
    const options: ModelOptions = {
      ...at64,
      head: { pooling: 'avg', dense: [512, 128], dropout: 0.3 },
    };
    const expected = 512 * 512 + 512 + (512 * 128 + 128) + (128 + 1);
    expect(headParamCount(64, options.head)).toBe(expected);
    const c = buildClassifier(options, 3);
    try {
      expect(c.head.countParams()).toBe(expected);
      expect(c.full.layers.slice(-5).map((l) => l.name)).toEqual([
        'global_average_pooling2d',
        'dense',
        'dense_1',
        'dropout',
        'dense_2',
      ]);
    } finally {
      c.dispose();
    }
  });

  it('freezes the base in phase 1 and unfreezes from the chosen block', () => {
    const c = buildClassifier(at64, 3);
    const headParams = headParamCount(64, at64.head);
    try {
      expect(summarizeModel(c.full).trainable).toBe(headParams);
      setTrainableBlocks(c, 5);
      expect(summarizeModel(c.full).trainable).toBe(headParams + 3 * conv(512, 512));
      setTrainableBlocks(c, 1);
      expect(summarizeModel(c.full).trainable).toBe(headParams + EXPECTED_BASE);
      setTrainableBlocks(c, null);
      expect(summarizeModel(c.full).nonTrainable).toBe(EXPECTED_BASE);
    } finally {
      c.dispose();
    }
  });

  it('shares weights between head and full', () => {
    const c = buildClassifier(at64, 3);
    try {
      const headWeights = new Set(c.head.weights.map((w) => w.read().id));
      const fullWeights = c.full.weights.map((w) => w.read().id);
      for (const id of headWeights) expect(fullWeights).toContain(id);
    } finally {
      c.dispose();
    }
  });

  it('frees every tensor it made', () => {
    const before = tf.memory().numTensors;
    buildClassifier(at64, 3).dispose();
    buildClassifier({ ...at64, head: { ...at64.head, pooling: 'avg' } }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the shape-only summary equals the summary of the built model', () => {
    for (const options of [
      at64,
      { ...at64, inputSize: 32, head: { pooling: 'avg' as const, dense: [], dropout: 0 } },
      { ...at64, head: { pooling: 'flatten' as const, dense: [64, 32], dropout: 0.5 } },
    ]) {
      const c = buildClassifier(options, 7);
      try {
        for (const fromBlock of [null, 1, 3, 5] as const) {
          setTrainableBlocks(c, fromBlock);
          expect(planClassifierSummary(options, fromBlock)).toEqual(summarizeModel(c.full));
        }
      } finally {
        c.dispose();
      }
    }
  });
});
