import { useEffect, useRef } from 'react';
import { changedFromPreset, PRESETS, presetForDataset } from '../../domain/presets.ts';
import { validateTraining } from '../../domain/runValidation.ts';
import { smallSplits } from '../../domain/splitSizes.ts';
import { useActions, useSettings, useStudio } from '../../studio/useStudio.ts';
import { Step } from '../../ui/Step.tsx';
import { ClusterExport } from './ClusterExport.tsx';
import { PresetPicker } from './PresetPicker.tsx';
import { ResumeOffer } from './ResumeOffer.tsx';
import { TrainingControls } from './TrainingControls.tsx';
import { TrainingForm } from './TrainingForm.tsx';
import { TrainingView } from './TrainingView.tsx';

export function TrainingStep() {
  const actions = useActions();
  const [settings, update] = useSettings();
  const summary = useStudio((s) => s.dataset.summary);
  const status = useStudio((s) => s.training.status);
  const message = useStudio((s) => s.training.message);
  const backend = useStudio((s) => s.system.backend);
  const trainCount = summary?.splits.find((s) => s.name === 'train')?.count ?? null;
  const errors = validateTraining(settings.training, settings.model, trainCount);
  const valid = Object.keys(errors).length === 0;

  const preset = PRESETS[settings.preset];
  const changed = changedFromPreset(settings, preset);
  const applyPreset = (id: keyof typeof PRESETS) => update({ ...PRESETS[id].config, preset: id });

  // The demo dataset switches to the Demo preset; a real dataset after it, to the Reference.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!summary) return;
    const key = `${summary.zipFile.name}:${summary.synthetic}:${summary.splits.map((s) => s.count).join('/')}`;
    if (seen.current === key) return;
    seen.current = key;
    const next = presetForDataset(settings.preset, summary.synthetic);
    if (next) update({ ...PRESETS[next].config, preset: next });
  }, [summary, settings.preset, update]);

  const smallSplit = summary
    ? smallSplits(summary.splits, summary.splitSource === 'partition-file')[0]
    : null;
  const whyNot = !summary
    ? 'Load a dataset first.'
    : smallSplit
      ? `${smallSplit} (Dataset step)`
      : !valid
        ? 'Fix the fields marked above.'
        : null;
  const start = () =>
    void actions.training.start({
      model: settings.model,
      augment: settings.augment,
      training: settings.training,
    });

  return (
    <Step
      id="training"
      intro="Phase 1 trains the new head on the frozen VGG16 base; phase 2 fine-tunes the base from the chosen block."
    >
      <ResumeOffer />
      <PresetPicker preset={preset} changed={changed} onPick={applyPreset} />
      <TrainingForm
        training={settings.training}
        model={settings.model}
        errors={errors}
        disabled={status === 'running' || status === 'preparing' || status === 'paused'}
        onTraining={(change) => update({ training: { ...settings.training, ...change } })}
        onModel={(change) => update({ model: { ...settings.model, ...change } })}
        changed={changed}
        presetName={preset.name}
      />
      {backend && !backend.canFineTune && settings.training.fineTuneEpochs > 0 && (
        <p className="warning" role="note">
          The {backend.name} backend has no gradients for convolutions: it trains the head on the
          frozen base, and fine-tuning (phase 2) needs WebGPU or WebGL.
        </p>
      )}
      <TrainingControls
        status={status}
        canStart={whyNot === null}
        whyNot={whyNot}
        onStart={start}
        onPause={() => void actions.training.pause()}
        onResume={() => void actions.training.resume()}
        onStop={() => void actions.training.stop()}
      />
      <ClusterExport
        config={{ model: settings.model, augment: settings.augment, training: settings.training }}
        canExport={summary !== null && valid}
      />
      <p role="status" aria-label="Training status" className="muted">
        {status === 'idle' ? 'Not started.' : status}
        {message ? ` — ${message}` : ''}
      </p>
      <TrainingView />
    </Step>
  );
}
