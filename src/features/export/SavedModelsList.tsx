import type { SavedModelInfo } from '../../domain/export.ts';
import { useActions } from '../../studio/useStudio.ts';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Models saved in this browser, with load and delete. */
export function SavedModelsList({ models, busy }: { models: SavedModelInfo[]; busy: boolean }) {
  const actions = useActions();
  if (models.length === 0) {
    return <p className="empty">No models saved in this browser.</p>;
  }
  return (
    <div className="table-scroll">
      <table aria-label="Saved models">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Test accuracy
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.name}>
              <td>
                {m.name}
                {m.missing && <span className="field-error"> (weights missing from storage)</span>}
              </td>
              <td className="num">{megabytes(m.sizeBytes)}</td>
              <td>{new Date(m.savedAt).toLocaleString()}</td>
              <td className="num">
                {m.testAccuracy === null ? '—' : `${(m.testAccuracy * 100).toFixed(2)} %`}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Load saved model ${m.name}`}
                  disabled={busy || m.missing}
                  onClick={() => void actions.export.loadSaved(m.name)}
                >
                  Load
                </button>{' '}
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Delete saved model ${m.name}`}
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(`Delete the saved model “${m.name}”?`)) {
                      void actions.export.deleteSaved(m.name);
                    }
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
