import { useEffect, useState } from 'react';
import { modelOptionsProblems } from '../../domain/model.ts';
import { useActions, useSettings, useStudio } from '../../studio/useStudio.ts';
import { RANDOM_WEIGHTS_WARNING } from '../../ui/ResultWarnings.tsx';
import { Step } from '../../ui/Step.tsx';
import { HeadForm } from './HeadForm.tsx';
import { type SummaryPhase, SummaryTable } from './SummaryTable.tsx';
import { WeightsPanel } from './WeightsPanel.tsx';

export function ModelStep() {
  const actions = useActions();
  const [settings, update] = useSettings();
  const model = useStudio((s) => s.model);
  const [phase, setPhase] = useState<SummaryPhase>('frozen');
  const options = settings.model;

  // The worker summarises from shapes alone, so every change can be sent at once.
  useEffect(() => {
    if (modelOptionsProblems(options).length > 0) return;
    void actions.model.configure(options, phase);
  }, [actions, options, phase]);

  return (
    <Step id="model" intro="VGG16 without its top, frozen, with a new classification head.">
      {model.weights.kind !== 'imagenet' && (
        <p className="warning" role="note">
          {RANDOM_WEIGHTS_WARNING}
        </p>
      )}
      <WeightsPanel />
      <h3>Head and fine-tuning</h3>
      <p className="hint">
        Image size ({options.inputSize} × {options.inputSize}) is set with the training settings.
      </p>
      <HeadForm model={options} onChange={(next) => update({ model: next })} />
      <SummaryTable
        summary={model.summary}
        baseParams={model.baseParams}
        headParams={model.headParams}
        phase={phase}
        onPhase={setPhase}
        error={model.optionsError ?? (modelOptionsProblems(options).join('; ') || null)}
      />
    </Step>
  );
}
