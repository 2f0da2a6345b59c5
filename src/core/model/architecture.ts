import {
  type BlockNumber,
  type HeadOptions,
  INPUT_SIZE_STEP,
  inputSizeProblem,
  type LayerRow,
  type ModelOptions,
} from '../../domain/model.ts';

/**
 * VGG16 as data: the filters of each convolution, block by block. The model
 * builder and the shape-only summary both read it, so they cannot disagree.
 */
export const VGG16_BLOCKS: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

export const VGG16_INPUT_NAME = 'input_1';
export const VGG16_OUTPUT_CHANNELS = 512;
/** Five 2×2 poolings divide the side by 32. */
export const VGG16_STRIDE = INPUT_SIZE_STEP;

export function assertInputSize(inputSize: number): void {
  const problem = inputSizeProblem(inputSize);
  if (problem) throw new Error(`VGG16 input size ${problem}`);
}

export interface ConvSpec {
  name: string;
  block: BlockNumber;
  inChannels: number;
  filters: number;
}

/** The 13 convolutions in order, with their Keras names. */
export function vgg16Convs(): ConvSpec[] {
  const convs: ConvSpec[] = [];
  let inChannels = 3;
  VGG16_BLOCKS.forEach((filtersOfBlock, b) => {
    filtersOfBlock.forEach((filters, c) => {
      convs.push({
        name: `block${b + 1}_conv${c + 1}`,
        block: (b + 1) as BlockNumber,
        inChannels,
        filters,
      });
      inChannels = filters;
    });
  });
  return convs;
}

/** Each convolution as [name, input side, input channels, filters] for a square input. */
export function vgg16ConvShapes(inputSize = 224): [string, number, number, number][] {
  return vgg16Convs().map((c) => [c.name, inputSize / 2 ** (c.block - 1), c.inChannels, c.filters]);
}

/** Kernel [3, 3, in, out] then bias [out], as Keras stores them, per layer name. */
export function vgg16WeightShapes(): Map<string, number[][]> {
  return new Map(vgg16Convs().map((c) => [c.name, [[3, 3, c.inChannels, c.filters], [c.filters]]]));
}

/** The block a base layer belongs to, from its Keras name; null for the input layer. */
export function blockOf(layerName: string): BlockNumber | null {
  const match = /^block([1-5])_/.exec(layerName);
  return match ? (Number(match[1]) as BlockNumber) : null;
}

/** Whether a base layer trains: phase 1 (`fromBlock` null) freezes all; n unfreezes blocks n..5. */
export function isBaseLayerTrainable(layerName: string, fromBlock: BlockNumber | null): boolean {
  if (fromBlock === null) return false;
  const block = blockOf(layerName);
  return block === null ? fromBlock === 1 : block >= fromBlock;
}

/** Keras names for the head's layers, in order. */
export function headLayerNames(head: HeadOptions): {
  pooling: string;
  dense: string[];
  dropout: string;
  output: string;
} {
  const dense = head.dense.map((_, i) => (i === 0 ? 'dense' : `dense_${i}`));
  return {
    pooling: head.pooling === 'flatten' ? 'flatten' : 'global_average_pooling2d',
    dense,
    dropout: 'dropout',
    output: head.dense.length === 0 ? 'dense' : `dense_${head.dense.length}`,
  };
}

/** Length of the feature vector the head's first Dense layer sees. */
export function headFeatureLength(inputSize: number, head: HeadOptions): number {
  const side = inputSize / VGG16_STRIDE;
  return head.pooling === 'flatten' ? side * side * VGG16_OUTPUT_CHANNELS : VGG16_OUTPUT_CHANNELS;
}

/** Parameters of the head: each Dense has in×units weights plus units biases. */
export function headParamCount(inputSize: number, head: HeadOptions): number {
  let inputs = headFeatureLength(inputSize, head);
  let total = 0;
  for (const units of [...head.dense, 1]) {
    total += inputs * units + units;
    inputs = units;
  }
  return total;
}

/** A 3 × 3 convolution's parameters: 3·3·in·out weights plus out biases. */
export function convParamCount(conv: ConvSpec): number {
  return 9 * conv.inChannels * conv.filters + conv.filters;
}

export function vgg16ParamCount(): number {
  return vgg16Convs().reduce((sum, c) => sum + convParamCount(c), 0);
}

/** Parameters of the base a fine-tune from `fromBlock` trains; `fromBlock` as in {@link isBaseLayerTrainable}. */
export function trainableBaseParamCount(fromBlock: BlockNumber | null): number {
  return vgg16Convs()
    .filter((c) => isBaseLayerTrainable(c.name, fromBlock))
    .reduce((sum, c) => sum + convParamCount(c), 0);
}

/** As Keras prints an output shape: "(None, 7, 7, 512)". */
export function formatShape(dims: readonly (number | null)[]): string {
  return `(${dims.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Keras shows an InputLayer's shape as a one-element list. */
export function formatInputShape(dims: readonly (number | null)[]): string {
  return `[${formatShape(dims)}]`;
}

/**
 * The summary rows of base + head at these options, computed from shapes
 * alone: no weights are allocated, so the page can ask on every keystroke.
 * `fromBlock` as in {@link isBaseLayerTrainable}.
 */
export function planClassifierRows(
  options: ModelOptions,
  fromBlock: BlockNumber | null,
): LayerRow[] {
  assertInputSize(options.inputSize);
  const rows: LayerRow[] = [];
  let side = options.inputSize;
  rows.push({
    name: VGG16_INPUT_NAME,
    type: 'InputLayer',
    outputShape: formatInputShape([null, side, side, 3]),
    params: 0,
    trainable: isBaseLayerTrainable(VGG16_INPUT_NAME, fromBlock),
  });
  const convs = vgg16Convs();
  VGG16_BLOCKS.forEach((_, b) => {
    for (const conv of convs.filter((c) => c.block === b + 1)) {
      rows.push({
        name: conv.name,
        type: 'Conv2D',
        outputShape: formatShape([null, side, side, conv.filters]),
        params: convParamCount(conv),
        trainable: isBaseLayerTrainable(conv.name, fromBlock),
      });
    }
    side /= 2;
    const name = `block${b + 1}_pool`;
    rows.push({
      name,
      type: 'MaxPooling2D',
      outputShape: formatShape([
        null,
        side,
        side,
        convs.filter((c) => c.block === b + 1).at(-1)?.filters ?? 0,
      ]),
      params: 0,
      trainable: isBaseLayerTrainable(name, fromBlock),
    });
  });
  const names = headLayerNames(options.head);
  const features = headFeatureLength(options.inputSize, options.head);
  rows.push({
    name: names.pooling,
    type: options.head.pooling === 'flatten' ? 'Flatten' : 'GlobalAveragePooling2D',
    outputShape: formatShape([null, features]),
    params: 0,
    trainable: true,
  });
  let inputs = features;
  options.head.dense.forEach((units, i) => {
    rows.push({
      name: names.dense[i] ?? `dense_${i}`,
      type: 'Dense',
      outputShape: formatShape([null, units]),
      params: inputs * units + units,
      trainable: true,
    });
    inputs = units;
  });
  rows.push({
    name: names.dropout,
    type: 'Dropout',
    outputShape: formatShape([null, inputs]),
    params: 0,
    trainable: true,
  });
  rows.push({
    name: names.output,
    type: 'Dense',
    outputShape: formatShape([null, 1]),
    params: inputs + 1,
    trainable: true,
  });
  return rows;
}
