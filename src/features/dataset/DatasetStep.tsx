import { useEffect, useRef, useState } from 'react';
import { type AugmentParams, DEMO_IMAGE_COUNT, type LabelMapping } from '../../domain/dataset.ts';
import { useActions, useBusy, useSettings, useStudio } from '../../studio/useStudio.ts';
import { Step } from '../../ui/Step.tsx';
import { AugmentForm } from './AugmentForm.tsx';
import { ColumnPicker } from './ColumnPicker.tsx';
import { DatasetInUse } from './DatasetInUse.tsx';
import { DatasetSummaryView } from './DatasetSummaryView.tsx';
import { DropDuringRun } from './DropDuringRun.tsx';
import { DropZone } from './DropZone.tsx';
import type { DroppedFiles } from './droppedFiles.ts';
import { Gallery } from './Gallery.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { fractionsProblem, SplitForm } from './SplitForm.tsx';
import { describeFiles, useLoads } from './useLoads.ts';

/** How many images the previews show. */
const PREVIEW_COUNT = 8;

export function DatasetStep() {
  const actions = useActions();
  const dataset = useStudio((s) => s.dataset);
  const [settings, updateSettings] = useSettings();
  const [busy, track] = useBusy();
  const [previewSeed, setPreviewSeed] = useState(1);
  const { summary, progress, error } = dataset;
  const [mapping, setMapping] = useState<LabelMapping | null>(null);
  useEffect(() => setMapping(summary?.mapping ?? null), [summary?.mapping]);

  const fromPartition = summary?.splitSource === 'partition-file';
  const splitOk = fromPartition || fractionsProblem(settings.split.fractions) === null;

  const loads = useLoads(settings);
  // Each request is answered (done or failed): the step is busy until then.
  const load = (dropped: DroppedFiles) => {
    const loading = loads.load(dropped);
    if (loading) track(loading);
  };
  const loadDemo = () =>
    track(actions.dataset.loadDemo(DEMO_IMAGE_COUNT, settings.split, settings.augment));
  const apply = () => track(actions.dataset.configure(mapping, settings.split, settings.augment));
  const preview = (augment: AugmentParams, seed: number) => {
    if (summary) void actions.dataset.preview(augment, PREVIEW_COUNT, seed);
  };
  // Whoever changes the augmentation (this form, or another step's preset), the preview follows.
  const shownAugment = useRef(settings.augment);
  const loaded = summary !== null;
  useEffect(() => {
    if (shownAugment.current === settings.augment) return;
    shownAugment.current = settings.augment;
    if (loaded) {
      void actions.dataset.preview(settings.augment, PREVIEW_COUNT, previewSeed);
    }
  }, [settings.augment, loaded, actions, previewSeed]);

  return (
    <Step
      id="dataset"
      intro="Drop the CelebA image zip and its attribute CSV, or start with the demo dataset."
    >
      <DropZone onFiles={load} />
      {loads.asking && (
        <DropDuringRun
          what={describeFiles(loads.asking)}
          onStopAndLoad={loads.stopAndLoad}
          onQueue={loads.queue}
          onDiscard={loads.discard}
        />
      )}
      {loads.queued && (
        <p role="status">
          {describeFiles(loads.queued)} will load when the run ends.{' '}
          <button type="button" className="secondary" onClick={loads.discard}>
            Do not load it
          </button>
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={loadDemo} disabled={busy}>
          Use demo dataset
        </button>
        <span className="intro">
          {DEMO_IMAGE_COUNT} synthetic faces in CelebA's layout, generated in your browser.
        </span>
      </div>
      {progress && <LoadProgress progress={progress} onCancel={loads.cancel} />}
      <DatasetInUse
        summary={summary}
        since={dataset.inUseSince}
        error={error}
        cancelled={dataset.cancelled}
      />
      {dataset.pick && (
        <ColumnPicker
          key={`${dataset.pick.fileName}:${dataset.answers}`}
          fileName={dataset.pick.fileName}
          columns={dataset.pick.columns}
          busy={busy}
          onPick={(picked) =>
            track(actions.dataset.configure(picked, settings.split, settings.augment))
          }
        />
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
