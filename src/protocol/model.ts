import type { ModelOptions, ModelSummary, WeightsStatus } from '../domain/model.ts';

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
  /** `what` says which part failed: the options given to 'configure', or loading weights. */
  | { scope: 'model'; type: 'failed'; what: 'options' | 'weights'; message: string };
