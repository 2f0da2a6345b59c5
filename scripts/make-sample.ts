import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateSample,
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
} from '../src/core/sample/generate.ts';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

/** npm run make-sample -- --out DIR --count N [--seed S] */
export async function main(args: string[]): Promise<void> {
  const out = option(args, 'out', 'sample');
  const count = Number(option(args, 'count', '1000'));
  const seed = Number(option(args, 'seed', '1'));
  const started = Date.now();
  let lastStage = '';
  const sample = await generateSample({
    count,
    seed,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage || done === total)
        process.stdout.write(`\r${stage}: ${done}/${total}   `);
      lastStage = stage;
    },
  });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, SAMPLE_ZIP_NAME), sample.zip);
  await writeFile(join(out, SAMPLE_ATTRIBUTES_NAME), sample.attributesCsv);
  await writeFile(join(out, SAMPLE_PARTITION_NAME), sample.partitionCsv);
  process.stdout.write(
    `\nWrote ${count} synthetic images (${sample.males} male) to ${out}/: ${SAMPLE_ZIP_NAME} (${(sample.zip.length / 1048576).toFixed(1)} MB), ${SAMPLE_ATTRIBUTES_NAME}, ${SAMPLE_PARTITION_NAME} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
}
