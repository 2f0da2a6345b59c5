import type { DatasetSummary } from '../../domain/dataset.ts';

/** "img_align_celeba.zip with list_attr_celeba.txt (and list_eval_partition.txt)". */
export function datasetName(summary: DatasetSummary): string {
  if (summary.synthetic) return 'the demo dataset';
  const partition = summary.partitionFile ? ` and ${summary.partitionFile}` : '';
  return `${summary.zipFile.name} with ${summary.labelFile.name}${partition}`;
}

/**
 * Which dataset training will use, and since when; after a failed or stopped
 * load, that it is still the previous one.
 */
export function DatasetInUse({
  summary,
  since,
  error,
  cancelled,
}: {
  summary: DatasetSummary | null;
  since: number | null;
  error: string | null;
  cancelled: string | null;
}) {
  const at = since === null ? '' : `, loaded at ${new Date(since).toLocaleTimeString()}`;
  return (
    <section aria-label="Dataset in use">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {cancelled && !error && <p role="status">{cancelled}</p>}
      {summary ? (
        <p className="intro">
          {error || cancelled ? 'Still in use: ' : 'In use: '}
          <strong>{datasetName(summary)}</strong>
          {at}.
        </p>
      ) : (
        (error || cancelled) && <p className="intro">No dataset is in use yet.</p>
      )}
    </section>
  );
}
