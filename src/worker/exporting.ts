import type { UseContext } from '../core/active/modelInUse.ts';
import { renamed } from '../core/export/metadata.ts';
import { predictPhoto } from '../core/export/predict.ts';
import { buildModelZip, checkShape, loadModelZip } from '../core/export/zip.ts';
import { modelNameProblem } from '../domain/export.ts';
import { assertNever } from '../domain/never.ts';
import type { ExportAction, ExportCommand } from '../protocol/export.ts';
import {
  deleteSavedModel,
  listSavedModels,
  loadSavedModel,
  saveModel,
} from '../storage/savedModels.ts';
import { errorMessage } from './port.ts';
import type { Session } from './session.ts';

const context = (s: Session): UseContext => ({
  backend: s.backend,
  dataset: s.data.dataset?.summary ?? null,
});

function named(session: Session, name: string, threshold: number) {
  const problem = modelNameProblem(name);
  if (problem) throw new Error(problem);
  const { model, metadata } = session.inUse.resolve(threshold, context(session));
  return { model, metadata: renamed(metadata, name, threshold) };
}

async function listSaved(session: Session): Promise<void> {
  session.post({ scope: 'export', type: 'saved-list', models: await listSavedModels() });
}

function announce(session: Session): void {
  session.post({ scope: 'export', type: 'active', model: session.inUse.info(context(session)) });
}

async function run(session: Session, cmd: ExportCommand): Promise<void> {
  const { post, inUse } = session;
  const busy = (action: ExportAction, message: string) =>
    post({ scope: 'export', type: 'busy', action, message });
  switch (cmd.type) {
    case 'list-saved':
      return listSaved(session);
    case 'save': {
      const { model, metadata } = named(session, cmd.name, cmd.threshold);
      busy('save', `Saving “${cmd.name}” to browser storage…`);
      await saveModel(model, cmd.name, metadata);
      post({ scope: 'export', type: 'saved', name: cmd.name });
      return listSaved(session);
    }
    case 'download': {
      const { model, metadata } = named(session, cmd.name, cmd.threshold);
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
      const loaded = await loadModelZip(
        new Uint8Array(await cmd.file.arrayBuffer()),
        cmd.file.name,
      );
      inUse.load({ ...loaded, origin: cmd.file.name });
      return announce(session);
    }
    case 'unload':
      inUse.unload();
      return announce(session);
    case 'predict': {
      const { model, info } = inUse.resolve(cmd.threshold, context(session));
      busy('predict', `Classifying ${cmd.fileName}…`);
      const photo = {
        bytes: new Uint8Array(await cmd.image.arrayBuffer()),
        fileName: cmd.fileName,
      };
      const prediction = await predictPhoto(
        model,
        info,
        photo,
        session.platform.decoder,
        cmd.threshold,
      );
      return post({ scope: 'export', type: 'prediction', prediction }, [
        prediction.input.data.buffer,
      ]);
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
  unload: 'load',
  predict: 'predict',
};

/** Every failure is answered next to the control that caused it; the page stays usable. */
export async function handleExport(session: Session, cmd: ExportCommand): Promise<void> {
  try {
    await run(session, cmd);
  } catch (error) {
    const message = errorMessage(error);
    session.post({ scope: 'export', type: 'failed', action: ACTIONS[cmd.type], message });
  }
}
