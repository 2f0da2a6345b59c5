import { type DragEvent, useId, useState } from 'react';
import { type DroppedFiles, filesFromDrop, filesFromFolderInput } from './droppedFiles.ts';

/**
 * The drop target and its pickers (files, or a folder of images). Only `File`
 * handles leave this component: the worker reads the bytes, the page never
 * does. A drop is always accepted: a newer one replaces a load in flight.
 */
export function DropZone({ onFiles }: { onFiles: (dropped: DroppedFiles) => void }) {
  const [active, setActive] = useState(false);
  const filesId = useId();
  const folderId = useId();
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setActive(false);
    // The items are only readable during the event, so start reading them now.
    filesFromDrop(event.dataTransfer).then((dropped) => {
      if (dropped.files.length > 0) onFiles(dropped);
    });
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
        Drop <span className="mono">img_align_celeba.zip</span> (or the unzipped{' '}
        <span className="mono">img_align_celeba</span> folder) and{' '}
        <span className="mono">list_attr_celeba.csv</span> here (and{' '}
        <span className="mono">list_eval_partition.csv</span> for the official split), or choose
        them:
      </p>
      <div className="row">
        <label htmlFor={filesId} className="inline">
          Dataset files
        </label>
        <input
          id={filesId}
          type="file"
          multiple
          accept=".zip,.csv,.txt"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            if (files.length > 0) onFiles({ files, paths: files.map(() => '') });
          }}
        />
      </div>
      <div className="row">
        <label htmlFor={folderId} className="inline">
          Choose image folder
        </label>
        <input
          id={folderId}
          type="file"
          // React knows no webkitdirectory prop; the attribute is passed through as written.
          {...{ webkitdirectory: '' }}
          onChange={(event) => {
            const dropped = filesFromFolderInput(event.currentTarget.files);
            event.currentTarget.value = '';
            if (dropped.files.length > 0) onFiles(dropped);
          }}
        />
        <span className="intro">
          The folder that holds the images and the label files (in it or in a subfolder).
        </span>
      </div>
    </section>
  );
}
