import type { EpochLog, Phase, RunConfig } from '../../domain/training.ts';

export interface PhasePlan {
  phase: Phase;
  epochs: number;
  learningRate: number;
}

/** Phase 1 (head on the frozen base), then phase 2 (fine-tuning); either may have 0 epochs. */
export function planPhases(config: RunConfig): PhasePlan[] {
  const t = config.training;
  return [
    { phase: 'head', epochs: t.epochs, learningRate: t.learningRate },
    { phase: 'fine-tune', epochs: t.fineTuneEpochs, learningRate: t.fineTuneLearningRate },
  ];
}

/** Without augmentation every epoch sees the same inputs, so base features can be cached. */
export function augmentIsOff(config: RunConfig): boolean {
  const a = config.augment;
  return (
    !a.horizontalFlip &&
    a.rotationRange === 0 &&
    a.zoomRange === 0 &&
    a.widthShift === 0 &&
    a.heightShift === 0 &&
    a.brightnessRange[0] === 1 &&
    a.brightnessRange[1] === 1
  );
}

/** Epochs recorded in the phases before `phaseIndex` that run on this backend, so epochs number on. */
export function epochsBefore(
  phases: PhasePlan[],
  history: EpochLog[],
  phaseIndex: number,
  canFineTune: boolean,
): number {
  let offset = 0;
  for (const plan of phases.slice(0, phaseIndex)) {
    if (plan.phase === 'head' || canFineTune) {
      offset += history.filter((h) => h.phase === plan.phase).length;
    }
  }
  return offset;
}

export function headOnlyNotice(backendName: string): string {
  return `The ${backendName} backend has no gradients for convolutions, so it trains the head on the frozen base only. Fine-tuning (phase 2) needs WebGPU or WebGL.`;
}
