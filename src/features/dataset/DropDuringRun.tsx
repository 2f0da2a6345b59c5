/**
 * Asked when files are dropped while a run trains: the run keeps the data it
 * started with, so the new files either wait for it or stop it.
 */
export function DropDuringRun({
  what,
  onStopAndLoad,
  onQueue,
  onDiscard,
}: {
  what: string;
  onStopAndLoad: () => void;
  onQueue: () => void;
  onDiscard: () => void;
}) {
  return (
    <div role="alertdialog" aria-label="A run is training" className="notice">
      <p>
        A run is training on the dataset in use. Load {what} now by stopping the run, or load it
        when the run ends?
      </p>
      <div className="row">
        <button type="button" onClick={onStopAndLoad}>
          Stop the run and load
        </button>
        <button type="button" className="secondary" onClick={onQueue}>
          Load when the run ends
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          Keep the current data
        </button>
      </div>
    </div>
  );
}
