import { DEFAULT_AUGMENT } from '../../domain/dataset.ts';
import { DEFAULT_MODEL_OPTIONS } from '../../domain/model.ts';
import { REFERENCE_TRAINING, type RunConfig, type RunRecord } from '../../domain/training.ts';
import { type LoadedModel, loadModelZip } from '../export/zip.ts';
import { findModelH5, importClusterModel } from './importRun.ts';

/**
 * "Load model": a studio zip (model.json and metadata.json), or a cluster
 * job's model.h5, alone or in its zipped results folder. A model.h5 also
 * brings its run, to be listed with the studio's own. `defaults` stands in
 * for the run of a Keras file that carries none, so the check names what differs.
 */
export async function loadModelFile(
  bytes: Uint8Array,
  fileName: string,
  defaults: RunConfig = {
    model: DEFAULT_MODEL_OPTIONS,
    augment: DEFAULT_AUGMENT,
    training: REFERENCE_TRAINING,
  },
): Promise<LoadedModel & { run: RunRecord | null }> {
  if (await findModelH5(bytes, fileName)) return importClusterModel(bytes, fileName, defaults);
  return { ...(await loadModelZip(bytes, fileName)), run: null };
}
