import type { ActiveModel, Prediction, SavedModelInfo } from '../domain/export.ts';
import type { RunConfig } from '../domain/training.ts';

export type ExportAction = 'save' | 'download' | 'load' | 'delete' | 'predict' | 'list' | 'cluster';

export type ExportCommand =
  | { scope: 'export'; type: 'list-saved' }
  | { scope: 'export'; type: 'save'; name: string; threshold: number }
  | { scope: 'export'; type: 'download'; name: string; threshold: number }
  | { scope: 'export'; type: 'delete-saved'; name: string }
  | { scope: 'export'; type: 'load-saved'; name: string }
  /** A tfjs zip from the studio, or a cluster job's model.h5 (or its results folder zipped). */
  | { scope: 'export'; type: 'load-zip'; file: File }
  /** The run as a PyTorch job for torchrun, on the loaded dataset's split; answered by 'download'. */
  | { scope: 'export'; type: 'cluster-job'; config: RunConfig; name: string }
  | { scope: 'export'; type: 'unload' }
  | { scope: 'export'; type: 'predict'; image: Blob; fileName: string; threshold: number };

export type ExportEvent =
  | { scope: 'export'; type: 'saved-list'; models: SavedModelInfo[] }
  | { scope: 'export'; type: 'busy'; action: ExportAction; message: string }
  | { scope: 'export'; type: 'saved'; name: string }
  | { scope: 'export'; type: 'active'; model: ActiveModel | null }
  /** The zip's bytes; `bytes` is transferred. */
  | { scope: 'export'; type: 'download'; fileName: string; bytes: ArrayBuffer }
  | { scope: 'export'; type: 'prediction'; prediction: Prediction }
  | { scope: 'export'; type: 'failed'; action: ExportAction; message: string };
