import { clusterJobFor } from '../core/cluster/forDataset.ts';
import { loadModelFile } from '../core/cluster/loadModelFile.ts';
import { predictPhoto } from '../core/export/predict.ts';
import { buildModelZip, checkShape } from '../core/export/zip.ts';
import { assertNever } from '../domain/never.ts';
import type { ExportAction, ExportCommand } from '../protocol/export.ts';
import {
  deleteSavedModel,
  listSavedModels,
  loadSavedModel,
  saveModel,
} from '../storage/savedModels.ts';
import { errorMessage, reported } from './port.ts';
import type { Session } from './session.ts';

async function listSaved(session: Session): Promise<void> {
  session.post({ scope: 'export', type: 'saved-list', models: await listSavedModels() });
}

function announce(session: Session): void {
  session.post({
    scope: 'export',
    type: 'active',
    model: session.inUse.info(session.modelContext()),
  });
}

async function run(session: Session, cmd: ExportCommand): Promise<void> {
  const { post, inUse } = session;
  const busy = (action: ExportAction, message: string) =>
    post({ scope: 'export', type: 'busy', action, message });
  switch (cmd.type) {
    case 'list-saved':
      return listSaved(session);
    case 'save': {
      const { model, metadata } = inUse.named(cmd.name, cmd.threshold, session.modelContext());
      busy('save', `Saving “${cmd.name}” to browser storage…`);
      await saveModel(model, cmd.name, metadata);
      post({ scope: 'export', type: 'saved', name: cmd.name });
      return listSaved(session);
    }
    case 'download': {
      const { model, metadata } = inUse.named(cmd.name, cmd.threshold, session.modelContext());
      busy('download', 'Building the zip…');
      const bytes = await buildModelZip(model, metadata);
      const fileName = `${cmd.name.replace(/[^\w.+-]+/g, '-')}.zip`;
      return post({ scope: 'export', type: 'download', fileName, bytes }, [bytes]);
    }
    case 'delete-saved':
      await deleteSavedModel(cmd.name);
      return listSaved(session);
    case 'load-saved': {
      busy('load', `Loading “${cmd.name}” from browser storage…`);
      const loaded = await loadSavedModel(cmd.name);
      checkShape(loaded.model, loaded.metadata, cmd.name);
      inUse.load({ ...loaded, origin: 'browser storage' });
      return announce(session);
    }
    case 'load-zip': {
      busy('load', `Loading ${cmd.file.name}…`);
      const bytes = new Uint8Array(await cmd.file.arrayBuffer());
      const { run, ...loaded } = await loadModelFile(bytes, cmd.file.name);
      inUse.load({ ...loaded, origin: cmd.file.name });
      announce(session);
      // A model trained outside the browser joins the runs it was exported from.
      return run ? session.runs.addRun(run) : undefined;
    }
    case 'cluster-job': {
      busy('cluster', 'Building the cluster job…');
      const imagenet = session.weights.weights !== null;
      const job = await clusterJobFor(session.data.dataset, imagenet, cmd.config, cmd.name);
      return post({ scope: 'export', type: 'download', ...job }, [job.bytes]);
    }
    case 'unload':
      inUse.unload();
      return announce(session);
    case 'predict': {
      const { model, info } = inUse.resolve(cmd.threshold, session.modelContext());
      busy('predict', `Classifying ${cmd.fileName}…`);
      const bytes = new Uint8Array(await cmd.image.arrayBuffer());
      const photo = { bytes, fileName: cmd.fileName };
      const { decoder } = session.platform;
      const prediction = await predictPhoto(model, info, photo, decoder, cmd.threshold);
      const transfer = [prediction.input.data.buffer];
      return post({ scope: 'export', type: 'prediction', prediction }, transfer);
    }
    default:
      assertNever(cmd, 'export command');
  }
}

const ACTIONS: Record<ExportCommand['type'], ExportAction> = {
  'list-saved': 'list',
  save: 'save',
  download: 'download',
  'delete-saved': 'delete',
  'load-saved': 'load',
  'load-zip': 'load',
  'cluster-job': 'cluster',
  unload: 'load',
  predict: 'predict',
};

/** Every failure is answered next to the control that caused it; the page stays usable. */
export async function handleExport(session: Session, cmd: ExportCommand): Promise<void> {
  try {
    await run(session, cmd);
  } catch (error) {
    const message = errorMessage(error);
    const action = ACTIONS[cmd.type];
    throw reported(session.post, { scope: 'export', type: 'failed', action, message }, message);
  }
}
