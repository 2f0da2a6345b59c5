import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SAMPLE_ATTRIBUTES_NAME,
  SAMPLE_PARTITION_NAME,
  SAMPLE_ZIP_NAME,
  type SampleFiles,
} from '../../src/core/sample/generate.ts';

/**
 * Writes the sample's zip and its attribute and partition files into `dir`, as
 * a person has them on disk, and returns their paths in that order.
 */
export function writeSample(dir: string, sample: SampleFiles, zipName = SAMPLE_ZIP_NAME): string[] {
  const files = [
    [zipName, sample.zip],
    [SAMPLE_ATTRIBUTES_NAME, sample.attributesCsv],
    [SAMPLE_PARTITION_NAME, sample.partitionCsv],
  ] as const;
  return files.map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
