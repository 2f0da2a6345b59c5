import { beforeAll, expect, it } from 'vitest';
import type { DatasetFile } from '../../src/core/dataset/files.ts';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import { generateSample, sampleAsFiles } from '../../src/core/sample/generate.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { PRESETS } from '../../src/domain/presets.ts';
import { useBackend } from '../support/tfBackend.ts';
import { newTrainer } from '../support/trainerHarness.ts';

function _file(name: string, data: Uint8Array | string): DatasetFile {
  return new File([data as BlobPart], name);
}

beforeAll(async () => {
  await useBackend('wasm');
});

it('the demo settings reach at least 0.9 test accuracy on the synthetic sample', async () => {
  const sample = await generateSample({ count: 300, seed: 3 });
  const { dataset } = await loadDataset(sampleAsFiles(sample), DEFAULT_SPLIT_OPTIONS, () => {});
  const config = structuredClone(PRESETS.demo.config);
  const { trainer, recorded } = newTrainer(config, dataset, {}, { decoder: jpegDecoder });
  expect(await trainer.run()).toBe('finished');
  expect(recorded.notices.some((n) => n.startsWith('Feature cache:'))).toBe(true);
  const test = await trainer.evaluateSplit('test', false, false);
  expect(test?.labels.length).toBe(dataset.splits.test.length);
  expect(test?.accuracy).toBeGreaterThanOrEqual(0.9);
  trainer.dispose();
}, 600_000);
