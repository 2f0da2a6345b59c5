export type Pooling = 'flatten' | 'avg';
export type BlockNumber = 1 | 2 | 3 | 4 | 5;

/** The new classification head on top of VGG16's last pooling layer. */
export interface HeadOptions {
  pooling: Pooling;
  /** Units of each Dense+ReLU layer, in order. */
  dense: number[];
  dropout: number;
}

/** VGG16's five 2×2 poolings divide the side by 32; its ImageNet weights were trained at 224. */
export const INPUT_SIZE_STEP = 32;
export const MAX_INPUT_SIZE = 224;
/** Every input side a model may have: 32, 64, … 224. */
export const INPUT_SIZES: readonly number[] = Array.from(
  { length: MAX_INPUT_SIZE / INPUT_SIZE_STEP },
  (_, i) => (i + 1) * INPUT_SIZE_STEP,
);

export function isInputSize(size: unknown): size is number {
  return typeof size === 'number' && INPUT_SIZES.includes(size);
}

/** The input-size rule in words: null when `size` is allowed, else what is wrong with it. */
export function inputSizeProblem(size: unknown): string | null {
  return isInputSize(size)
    ? null
    : `must be a multiple of ${INPUT_SIZE_STEP} from ${INPUT_SIZE_STEP} to ${MAX_INPUT_SIZE} (got ${String(size)})`;
}

export interface ModelOptions {
  /** Square input side in pixels: a multiple of 32 from 32 to 224. */
  inputSize: number;
  head: HeadOptions;
  /** Fine-tuning unfreezes this block and those after it; 1 means the whole base. */
  unfreezeFromBlock: BlockNumber;
}

export const DEFAULT_HEAD: HeadOptions = { pooling: 'flatten', dense: [256], dropout: 0.5 };

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  inputSize: 224,
  head: DEFAULT_HEAD,
  unfreezeFromBlock: 5,
};

/** One row of a Keras-style model summary. */
export interface LayerRow {
  name: string;
  type: string;
  /** As Keras prints it: "(None, 112, 112, 128)". */
  outputShape: string;
  params: number;
  trainable: boolean;
}

export interface ModelSummary {
  rows: LayerRow[];
  total: number;
  trainable: number;
  nonTrainable: number;
}

export type WeightsStatus =
  | { kind: 'random' }
  /** `stage` says what the bytes count: downloading or reading them, then parsing. */
  | {
      kind: 'loading';
      source: string;
      stage: 'download' | 'read' | 'parse';
      loaded: number;
      total: number | null;
    }
  | {
      kind: 'imagenet';
      source: string;
      /** SHA-256 of the source bytes, hex. */
      hash: string;
      fromCache: boolean;
      /** Keeping a copy in this browser for the next visit: under way, done, or failed. */
      cache: 'saving' | 'saved' | 'failed';
      /** Why the copy could not be kept, when `cache` is 'failed'. */
      cacheProblem: string | null;
    };

/** The file Keras's `VGG16(weights='imagenet', include_top=False)` downloads. */
export const OFFICIAL_WEIGHTS_FILE = 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5';
export const OFFICIAL_WEIGHTS_URL = `https://storage.googleapis.com/tensorflow/keras-applications/vgg16/${OFFICIAL_WEIGHTS_FILE}`;

/**
 * Keras prints counts with thousands separators: 14,714,688. Written out rather than
 * with `toLocaleString`, whose first call loads locale data for tens of milliseconds.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = String(Math.trunc(Math.abs(n)));
  return `${n <= -1 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** The three lines under a Keras summary table. */
export function summaryTotalLines(summary: ModelSummary): [string, string, string] {
  return [
    `Total params: ${formatCount(summary.total)}`,
    `Trainable params: ${formatCount(summary.trainable)}`,
    `Non-trainable params: ${formatCount(summary.nonTrainable)}`,
  ];
}

/** Problems with model options, one message per field; empty when they can be built. */
export function modelOptionsProblems(options: ModelOptions): string[] {
  const problems: string[] = [];
  const { inputSize, head } = options;
  const sizeProblem = inputSizeProblem(inputSize);
  if (sizeProblem) problems.push(`Image size ${sizeProblem}`);
  for (const units of head.dense) {
    if (!Number.isInteger(units) || units < 1 || units > 8192) {
      problems.push(`Dense units must be whole numbers from 1 to 8192 (got ${units})`);
      break;
    }
  }
  if (!(head.dropout >= 0 && head.dropout < 1)) {
    problems.push(`Dropout must be at least 0 and below 1 (got ${head.dropout})`);
  }
  return problems;
}
