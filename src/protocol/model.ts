export type Pooling = 'flatten' | 'avg';
export type BlockNumber = 1 | 2 | 3 | 4 | 5;

/** The new classification head on top of VGG16's last pooling layer. */
export interface HeadOptions {
  pooling: Pooling;
  /** Units of each Dense+ReLU layer, in order. */
  dense: number[];
  dropout: number;
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
  | { kind: 'loading'; source: string; loaded: number; total: number | null }
  | { kind: 'imagenet'; source: string; hash: string; fromCache: boolean };

export type ModelCommand =
  | { scope: 'model'; type: 'configure'; options: ModelOptions; phase: 'frozen' | 'fine-tune' }
  | { scope: 'model'; type: 'load-weights-files'; files: File[] }
  | { scope: 'model'; type: 'load-weights-url'; url: string };

export type ModelEvent =
  | {
      scope: 'model';
      type: 'summary';
      summary: ModelSummary;
      baseParams: number;
      headParams: number;
    }
  | { scope: 'model'; type: 'weights'; status: WeightsStatus }
  | { scope: 'model'; type: 'failed'; message: string };
