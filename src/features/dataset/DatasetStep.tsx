import { useEffect, useRef, useState } from 'react';
import { type AugmentParams, DEMO_IMAGE_COUNT, type LabelMapping } from '../../domain/dataset.ts';
import { useSettings, useStudio, useStudioClient } from '../../studio/useStudio.ts';
import { Step } from '../../ui/Step.tsx';
import { AugmentForm } from './AugmentForm.tsx';
import { DatasetSummaryView } from './DatasetSummaryView.tsx';
import { DropZone } from './DropZone.tsx';
import { Gallery } from './Gallery.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { fractionsProblem, SplitForm } from './SplitForm.tsx';

/** How many images the previews show. */
const PREVIEW_COUNT = 8;

export function DatasetStep() {
  const client = useStudioClient();
  const dataset = useStudio((s) => s.dataset);
  const [settings, updateSettings] = useSettings();
  const [busy, setBusy] = useState(false);
  const [previewSeed, setPreviewSeed] = useState(1);
  const { summary, progress, error } = dataset;
  const [mapping, setMapping] = useState<LabelMapping | null>(null);
  useEffect(() => setMapping(summary?.mapping ?? null), [summary?.mapping]);
  // Any answer from the worker (a summary or a failure) ends the wait.
  useEffect(() => {
    if (dataset.answers > 0) setBusy(false);
  }, [dataset.answers]);

  const fromPartition = summary?.splitSource === 'partition-file';
  const splitOk = fromPartition || fractionsProblem(settings.split.fractions) === null;

  const load = (files: File[]) => {
    setBusy(true);
    client.send({
      scope: 'dataset',
      type: 'load',
      files,
      options: settings.split,
      augment: settings.augment,
    });
  };
  const loadDemo = () => {
    setBusy(true);
    client.send({
      scope: 'dataset',
      type: 'use-demo',
      count: DEMO_IMAGE_COUNT,
      options: settings.split,
      augment: settings.augment,
    });
  };
  const apply = () => {
    setBusy(true);
    client.send({
      scope: 'dataset',
      type: 'configure',
      mapping,
      options: settings.split,
      augment: settings.augment,
    });
  };
  const preview = (augment: AugmentParams, seed: number) => {
    if (summary)
      client.send({ scope: 'dataset', type: 'preview', augment, count: PREVIEW_COUNT, seed });
  };
  // Whoever changes the augmentation (this form, or another step's preset), the preview follows.
  const shownAugment = useRef(settings.augment);
  const loaded = summary !== null;
  useEffect(() => {
    if (shownAugment.current === settings.augment) return;
    shownAugment.current = settings.augment;
    if (loaded) {
      client.send({
        scope: 'dataset',
        type: 'preview',
        augment: settings.augment,
        count: PREVIEW_COUNT,
        seed: previewSeed,
      });
    }
  }, [settings.augment, loaded, client, previewSeed]);

  return (
    <Step
      id="dataset"
      intro="Drop the CelebA image zip and its attribute CSV, or start with the demo dataset."
    >
      <DropZone onFiles={load} busy={busy} />
      <div className="row">
        <button type="button" className="secondary" onClick={loadDemo} disabled={busy}>
          Use demo dataset
        </button>
        <span className="intro">
          {DEMO_IMAGE_COUNT} synthetic faces in CelebA's layout, generated in your browser.
        </span>
      </div>
      {progress && (
        <div>
          <label>
            {progress.stage} ({progress.done} / {progress.total})
            <progress
              aria-label="Dataset progress"
              value={progress.done}
              max={progress.total || 1}
            />
          </label>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <SplitForm
        split={settings.split}
        fromPartition={fromPartition}
        onChange={(split) => updateSettings({ split })}
      />
      {summary && mapping && (
        <MappingEditor summary={summary} mapping={mapping} onChange={setMapping} />
      )}
      {summary && (
        <div className="row">
          <button type="button" onClick={apply} disabled={busy || !splitOk}>
            Apply mapping and split
          </button>
        </div>
      )}
      {summary && <DatasetSummaryView summary={summary} />}
      <section aria-label="Sample images">
        <h3>Sample images</h3>
        {dataset.samples.length > 0 ? (
          <Gallery images={dataset.samples} />
        ) : (
          <p className="intro">Images appear here once a dataset is loaded.</p>
        )}
      </section>
      <AugmentForm augment={settings.augment} onChange={(augment) => updateSettings({ augment })} />
      <section aria-label="Augmentation preview">
        <h3>Augmentation preview</h3>
        <button
          type="button"
          className="secondary"
          disabled={!summary}
          onClick={() => {
            const seed = previewSeed + 1;
            setPreviewSeed(seed);
            preview(settings.augment, seed);
          }}
        >
          Shuffle preview
        </button>
        {dataset.augmented.length > 0 && <Gallery images={dataset.augmented} />}
      </section>
    </Step>
  );
}
