import { useId, useState } from 'react';
import { OFFICIAL_WEIGHTS_URL, type WeightsStatus } from '../../domain/model.ts';
import { useActions, useStudio } from '../../studio/useStudio.ts';
import { localWeightsUrl } from './localWeights.ts';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function StatusLine({ status }: { status: WeightsStatus }) {
  switch (status.kind) {
    case 'random':
      return <>No weights loaded: the base is randomly initialised.</>;
    case 'loading': {
      const verb =
        status.stage === 'download'
          ? 'Downloading'
          : status.stage === 'read'
            ? 'Reading'
            : 'Parsing';
      const amount =
        status.stage === 'parse'
          ? `layer ${status.loaded} of ${status.total ?? '?'}`
          : `${megabytes(status.loaded)}${status.total ? ` of ${megabytes(status.total)}` : ''}`;
      return (
        <>
          {verb} {status.source}: {amount}
        </>
      );
    }
    case 'imagenet':
      return (
        <>
          ImageNet weights loaded ({status.source}; SHA-256{' '}
          <span className="mono">{status.hash.slice(0, 12)}</span>)
          {status.fromCache
            ? ', restored from this browser.'
            : status.cache === 'saving'
              ? ', saving a copy in this browser…'
              : status.cache === 'saved'
                ? ', kept in this browser for next time.'
                : '.'}
        </>
      );
  }
}

/** Where the base's ImageNet weights come from: a file, a URL, or this site. */
export function WeightsPanel() {
  const id = useId();
  const actions = useActions();
  const status = useStudio((s) => s.model.weights);
  const error = useStudio((s) => s.model.weightsError);
  const [url, setUrl] = useState(OFFICIAL_WEIGHTS_URL);
  const localUrl = localWeightsUrl();
  const loading = status.kind === 'loading';
  const fraction =
    status.kind === 'loading' && status.total ? Math.min(1, status.loaded / status.total) : null;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>ImageNet weights</h3>
      <div className="form-grid">
        <label htmlFor={`${id}-file`}>
          VGG16 weights file
          <input
            id={`${id}-file`}
            type="file"
            accept=".h5,.hdf5,.json,.bin"
            multiple
            disabled={loading}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length > 0) {
                void actions.model.loadWeightsFiles(files);
              }
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label htmlFor={`${id}-url`}>
          VGG16 weights URL
          <input
            id={`${id}-url`}
            type="url"
            size={70}
            style={{ maxWidth: '100%' }}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="secondary"
          disabled={loading || url.trim() === ''}
          onClick={() => void actions.model.loadWeightsUrl(url.trim())}
        >
          Download weights
        </button>
        {localUrl && (
          <button
            type="button"
            disabled={loading}
            onClick={() => void actions.model.loadWeightsUrl(localUrl)}
          >
            Load weights from this site
          </button>
        )}
      </div>
      <p className="hint">
        The official file is Keras's{' '}
        <span className="mono">vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5</span> (59 MB). A
        tfjs layers model of VGG16 works too: choose its model.json with its .bin files. Run{' '}
        <span className="mono">npm run fetch-weights</span> once to serve the file from this site.
      </p>
      <p role="status" aria-label="Weights status">
        <StatusLine status={status} />
      </p>
      {loading && (
        <progress
          aria-label="Weights loading progress"
          max={1}
          {...(fraction === null ? {} : { value: fraction })}
        />
      )}
      {status.kind === 'imagenet' && status.cache === 'failed' && (
        <p className="warning" role="note">
          Not kept in this browser: {status.cacheProblem}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
