import { type DragEvent, useId, useState } from 'react';

/**
 * The drop target and its file input. Only `File` handles leave this
 * component: the worker reads the bytes, the page never does.
 */
export function DropZone({ onFiles, busy }: { onFiles: (files: File[]) => void; busy: boolean }) {
  const [active, setActive] = useState(false);
  const inputId = useId();
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setActive(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  return (
    <section
      className={active ? 'dropzone active' : 'dropzone'}
      aria-label="Drop zone"
      onDragOver={(event) => {
        event.preventDefault();
        setActive(true);
      }}
      onDragLeave={() => setActive(false)}
      onDrop={onDrop}
    >
      <p>
        Drop <span className="mono">img_align_celeba.zip</span> and{' '}
        <span className="mono">list_attr_celeba.csv</span> here (and{' '}
        <span className="mono">list_eval_partition.csv</span> for the official split), or choose
        them:
      </p>
      <label htmlFor={inputId} className="inline">
        Dataset files
      </label>
      <input
        id={inputId}
        type="file"
        multiple
        accept=".zip,.csv,.txt"
        disabled={busy}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </section>
  );
}
