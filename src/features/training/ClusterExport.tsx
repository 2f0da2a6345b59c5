import type { RunConfig } from '../../domain/training.ts';
import { useActions, useStudio } from '../../studio/useStudio.ts';

/** Asks the worker for the run as a PyTorch job; the zip arrives as a download. */
export function useClusterExport(): (config: RunConfig, name: string) => void {
  const actions = useActions();
  return (config, name) => void actions.export.clusterJob(config, name);
}

/** Building the job, or why it could not be built. */
export function ClusterExportStatus() {
  const busy = useStudio((s) => s.export.busy);
  const error = useStudio((s) => s.export.errors.cluster);
  if (busy?.action === 'cluster') return <p className="muted">{busy.message}</p>;
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {error}
    </p>
  );
}

/**
 * "Export for a cluster": the settings in the form as a job for torchrun
 * (train.py, config.json, the loaded dataset's split, a README), to train on
 * more GPUs than a browser has and load the model.h5 back here.
 */
export function ClusterExport({ config, canExport }: { config: RunConfig; canExport: boolean }) {
  const exportJob = useClusterExport();
  const busy = useStudio((s) => s.export.busy !== null);
  const t = config.training;
  const name = `celeba-${config.model.inputSize}px-batch${t.batchSize}-${t.epochs}+${t.fineTuneEpochs}ep`;
  return (
    <section aria-label="Cluster export">
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={!canExport || busy}
          onClick={() => exportJob(config, name)}
        >
          Export for a cluster
        </button>
        <span className="hint">
          a PyTorch job (train.py for torchrun, one GPU to several nodes) on this split; load its
          model.h5 back in Export
        </span>
      </div>
      <ClusterExportStatus />
    </section>
  );
}
