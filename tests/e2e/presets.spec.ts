import { expect, test } from '@playwright/test';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_ZIP_NAME,
} from '../../src/core/sample/generate.ts';
import { PRESETS } from '../../src/domain/presets.ts';

const REFERENCE = PRESETS.reference;

test('the demo switches to the Demo preset, a real dataset after it to the Reference; a changed field is marked', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const sample = await generateSample({ count: 40, seed: 5 });
  await page.goto('/?backend=wasm');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });
  const inForce = page.getByRole('status', { name: 'Preset in force' });
  const settings = page.getByRole('group', { name: 'Training settings' });
  await expect(inForce).toContainText(`Preset in force: ${REFERENCE.name}, unchanged.`);

  await page.getByRole('button', { name: 'Use demo dataset' }).click();
  await expect(page.getByRole('status', { name: 'Dataset summary' })).toContainText(
    'Synthetic demo data',
    { timeout: 120_000 },
  );
  await expect(inForce).toContainText(`Preset in force: ${PRESETS.demo.name}, unchanged.`);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('demo');
  await expect(settings.getByLabel('Image size')).toHaveValue(
    String(PRESETS.demo.config.model.inputSize),
  );

  // A real (non-demo) zip and label file: the Reference preset comes back, every field of it.
  await page.getByLabel('Dataset files').setInputFiles([
    { name: SAMPLE_ZIP_NAME, mimeType: 'application/zip', buffer: Buffer.from(sample.zip) },
    {
      name: SAMPLE_ATTRIBUTES_NAME,
      mimeType: 'text/csv',
      buffer: Buffer.from(sample.attributesCsv),
    },
  ]);
  const summary = page.getByRole('status', { name: 'Dataset summary' });
  await expect(summary).toContainText(SAMPLE_ZIP_NAME, { timeout: 60_000 });
  await expect(summary).not.toContainText('Synthetic demo data');
  await expect(inForce).toContainText(`Preset in force: ${REFERENCE.name}, unchanged.`);
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('reference');
  const { model, training, augment } = REFERENCE.config;
  await expect(settings.getByLabel('Image size')).toHaveValue(String(model.inputSize));
  await expect(settings.getByLabel('Batch size')).toHaveValue(String(training.batchSize));
  await expect(settings.getByLabel('Epochs', { exact: true })).toHaveValue(String(training.epochs));
  await expect(settings.getByLabel('Fine-tune epochs')).toHaveValue(
    String(training.fineTuneEpochs),
  );
  await expect(page.getByLabel('Horizontal flip')).toBeChecked({ checked: augment.horizontalFlip });
  await expect(page.getByLabel('Rotation range')).toHaveValue(String(augment.rotationRange));
  await expect(page.getByLabel('Unfreeze from block')).toHaveValue(String(model.unfreezeFromBlock));

  // One field changed: it is marked, and the preset line names it.
  const batch = settings.getByLabel('Batch size');
  await expect(batch).not.toHaveAccessibleDescription(/Changed from/);
  await batch.fill('16');
  await expect(batch).toHaveAccessibleDescription(`Changed from ${REFERENCE.name}`);
  await expect(inForce).toContainText('1 setting changed from it: Batch size.');
  await expect(settings.getByLabel('Epochs', { exact: true })).not.toHaveAccessibleDescription(
    /Changed from/,
  );

  // A field of another step (augmentation, in the Dataset step) is marked the same way.
  const rotation = page.getByLabel('Rotation range');
  await rotation.fill('10');
  await expect(rotation).toHaveAccessibleDescription(`Changed from ${REFERENCE.name}`);
  await expect(inForce).toContainText('2 settings changed from it: Rotation range, Batch size.');

  // Picking the preset again restores it.
  await page.getByLabel('Preset', { exact: true }).selectOption('reference');
  await expect(batch).toHaveValue(String(training.batchSize));
  await expect(rotation).toHaveValue(String(augment.rotationRange));
  await expect(inForce).toContainText('unchanged.');
  await expect(rotation).not.toHaveAccessibleDescription(/Changed from/);
});
