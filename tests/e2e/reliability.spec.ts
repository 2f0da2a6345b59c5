import { expect, type Page, test } from '@playwright/test';
import { sampleImageName } from '../../src/core/sample/generate.ts';
import {
  BASE_COUNT,
  type Base,
  CSV_NAME,
  csvFile,
  entries,
  type FilePayload,
  FOLDER,
  fiftyMegapixelPng,
  file,
  filesWithRows,
  makeBase,
  partitionFile,
  smallPng,
  validFiles,
  withMale,
  ZIP_NAME,
  zipBombEntry,
  zipFile,
} from '../support/badInputs.ts';
import { openStudio } from '../support/studioPage.ts';
import { writeZip } from '../support/zipWriter.ts';

/**
 * One bad input per test, built in code. Each shows a message that names the
 * file, row or entry, and ends with a dataset the studio can train on: the
 * valid remainder, or (when the whole file is unusable) the corrected files.
 */

let base: Base;
test.beforeAll(async () => {
  base = await makeBase();
});

const TRAIN_TIMEOUT = 180_000;

async function drop(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByLabel('Dataset files').setInputFiles(files);
}

const summary = (page: Page) => page.getByRole('status', { name: 'Dataset summary' });
const problems = (page: Page) => summary(page).getByRole('list', { name: 'Dataset problems' });

/** The images the three "Found N validated image filenames" lines count together. */
async function foundTotal(page: Page): Promise<number> {
  const lines = await summary(page)
    .getByRole('listitem')
    .filter({ hasText: 'validated image filenames' })
    .allInnerTexts();
  return lines.reduce((sum, line) => sum + Number(/Found (\d+) /.exec(line)?.[1] ?? 'NaN'), 0);
}

/** The summary counts `images` and the run can start. */
async function expectTrainable(page: Page, images: number): Promise<void> {
  await expect(summary(page)).toContainText('validated image filenames belonging to 2 classes', {
    timeout: 60_000,
  });
  await expect.poll(() => foundTotal(page)).toBe(images);
  await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();
}

/** A whole file was refused: the message, then the corrected files load. */
async function expectRefusedThenRecover(page: Page, message: string | RegExp): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible({
    timeout: 60_000,
  });
  await drop(page, validFiles(base));
  await expectTrainable(page, BASE_COUNT);
}

/** The smallest real run: 32 × 32, one epoch, then the test set. */
async function trainOneEpoch(page: Page): Promise<void> {
  await page.getByLabel('Image size').selectOption('32');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('region', { name: 'Test results' })).toContainText(
    /Test Accuracy: \d\.\d{3}/,
    { timeout: TRAIN_TIMEOUT },
  );
}

/** The base images with entry `i` replaced (same path unless given). */
function replaceEntry(i: number, data: Uint8Array, path?: string) {
  return entries(base).map((e, k) => (k === i ? { path: path ?? e.path, data } : e));
}

/** The base rows with row `i`'s image renamed. */
function renameRow(i: number, name: string): string[] {
  return base.rows.map((r, k) => (k === i ? `${name}${r.slice(r.indexOf(','))}` : r));
}

/** The base files with image `i` replaced by `data` named `name`: in the zip, the labels and the partition. */
function withImage(i: number, name: string, data: Uint8Array) {
  return [
    zipFile(replaceEntry(i, data, `${FOLDER}${name}`)),
    csvFile(base.header, renameRow(i, name)),
    partitionFile(base.names.map((n, k) => (k === i ? name : n))),
  ];
}

test.describe('whole files that cannot be used', () => {
  test('a file named .zip that is not a zip', async ({ page }) => {
    await openStudio(page);
    await drop(page, [
      file('photos.zip', 'holiday pictures, honestly'),
      csvFile(base.header, base.rows),
    ]);
    await expectRefusedThenRecover(
      page,
      'photos.zip is not a zip archive: it does not start with the zip signature.',
    );
  });

  test('a truncated zip', async ({ page }) => {
    const whole = writeZip(entries(base));
    await openStudio(page);
    await drop(page, [
      file(ZIP_NAME, whole.subarray(0, Math.floor(whole.length / 2))),
      csvFile(base.header, base.rows),
    ]);
    await expectRefusedThenRecover(page, `${ZIP_NAME} could not be read as a zip archive`);
  });

  test('a zip without images', async ({ page }) => {
    const zip = writeZip([
      { path: 'celeba/README.txt', data: new TextEncoder().encode('images to follow') },
      { path: 'celeba/notes.md', data: new TextEncoder().encode('# notes') },
    ]);
    await openStudio(page);
    await drop(page, [file(ZIP_NAME, zip), csvFile(base.header, base.rows)]);
    await expectRefusedThenRecover(
      page,
      `No image is in both ${CSV_NAME} and ${ZIP_NAME}: row 2 names ${base.names[0]}, but the zip holds no images.`,
    );
  });

  test('a CSV without a label column', async ({ page }) => {
    const rows = base.names.map((n, i) => `${n},${i % 2},${(i + 1) % 2}`);
    await openStudio(page);
    await drop(page, [
      zipFile(entries(base)),
      csvFile('image_id,Smiling,Young', rows, 'attrs.csv'),
    ]);
    await expectRefusedThenRecover(
      page,
      'No label column in attrs.csv: expected Male, label, class or gender; its columns are image_id, Smiling, Young.',
    );
  });

  test('a label column with three values', async ({ page }) => {
    const animals = ['cat', 'dog', 'bird'];
    const rows = base.names.map((n, i) => `${n},${animals[i % 3]}`);
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), csvFile('filename,label', rows, 'pets.csv')]);
    await expectRefusedThenRecover(
      page,
      'Column "label" of pets.csv must hold exactly two classes; found 3: cat, dog, bird.',
    );
  });

  test('one class only', async ({ page }) => {
    const rows = base.rows.map((_, i) => withMale(base, i, '1'));
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), csvFile(base.header, rows)]);
    await expectRefusedThenRecover(
      page,
      `Column "Male" of ${CSV_NAME} must hold exactly two classes; found 1: 1.`,
    );
  });

  test('a one-row dataset', async ({ page }) => {
    await openStudio(page);
    await drop(page, [
      zipFile(entries(base).slice(0, 1)),
      csvFile(base.header, base.rows.slice(0, 1), 'one.csv'),
    ]);
    await expectRefusedThenRecover(
      page,
      /Column "Male" of one\.csv must hold exactly two classes; found 1: -?1\./,
    );
  });

  test('an empty CSV', async ({ page }) => {
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), file('empty.csv', '')]);
    await expectRefusedThenRecover(page, 'empty.csv is empty: it has no header and no rows.');
  });

  test('a CSV with a header and no rows', async ({ page }) => {
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), csvFile(base.header, [], 'header-only.csv')]);
    await expectRefusedThenRecover(page, 'header-only.csv has a header but no rows.');
  });

  test('a file that is neither a zip nor a label file', async ({ page }) => {
    await openStudio(page);
    await drop(page, [...validFiles(base), file('notes.pdf', '%PDF-1.4')]);
    await expectRefusedThenRecover(page, 'notes.pdf is not a .zip, .csv or .txt file.');
  });

  test('two image zips', async ({ page }) => {
    await openStudio(page);
    await drop(page, [...validFiles(base), zipFile(entries(base).slice(0, 5), 'more.zip')]);
    await expectRefusedThenRecover(page, `Drop one image zip: got ${ZIP_NAME}, more.zip.`);
  });

  test('a zip without its label file', async ({ page }) => {
    await openStudio(page);
    await drop(page, [zipFile(entries(base))]);
    await expectRefusedThenRecover(page, /^No label file: drop a \.csv or \.txt/);
  });
});

test.describe('files the studio reads as they are', () => {
  test('a CSV with a byte-order mark and CRLF line ends trains', async ({ page }) => {
    test.setTimeout(TRAIN_TIMEOUT + 60_000);
    const text = `\ufeff${[base.header, ...base.rows].join('\r\n')}\r\n`;
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), file(CSV_NAME, text), partitionFile(base.names)]);
    await expectTrainable(page, BASE_COUNT);
    await expect(summary(page)).toContainText('No problems found.');
    // The BOM did not stick to the first column's name.
    await expect(page.getByLabel('Image column')).toHaveValue('image_id');
    await trainOneEpoch(page);
  });

  test("CelebA's own .txt layout with CRLF line ends", async ({ page }) => {
    const header = base.header.split(',').slice(1).join(' ');
    const lines = base.rows.map((r) => r.split(',').join('  '));
    const text = `${BASE_COUNT}\r\n${header}\r\n${lines.join('\r\n')}\r\n`;
    await openStudio(page);
    await drop(page, [zipFile(entries(base)), file('list_attr_celeba.txt', text)]);
    await expectTrainable(page, BASE_COUNT);
    await expect(summary(page)).toContainText('No problems found.');
  });

  test('non-ASCII file names train', async ({ page }) => {
    test.setTimeout(TRAIN_TIMEOUT + 60_000);
    const spellings = ['visage-é', '名前', 'Ünïcödé ñame', 'лицо'];
    const names = base.names.map((n, i) => `${spellings[i % spellings.length]}-${n}`);
    const list = entries(base).map((e, i) => ({ ...e, path: `${FOLDER}${names[i]}` }));
    const rows = base.rows.map((r, i) => `${names[i]}${r.slice(r.indexOf(','))}`);
    await openStudio(page);
    await drop(page, [zipFile(list), csvFile(base.header, rows), partitionFile(names)]);
    await expectTrainable(page, BASE_COUNT);
    await expect(summary(page)).toContainText('No problems found.');
    await expect(page.getByRole('region', { name: 'Sample images' })).toContainText(
      names[0] as string,
    );
    await trainOneEpoch(page);
  });

  test('a PNG among the JPEGs is used like the others', async ({ page }) => {
    const png = '000002.png';
    await openStudio(page);
    await drop(page, withImage(1, png, smallPng()));
    await expectTrainable(page, BASE_COUNT);
    await expect(summary(page)).toContainText('No problems found.');
    await expect(
      page
        .getByRole('region', { name: 'Sample images' })
        .getByRole('img', { name: png, exact: false }),
    ).toBeVisible();
  });
});

test.describe('bad entries and rows: counted, named, and the rest trains', () => {
  test('duplicate basenames in two folders', async ({ page }) => {
    const list = [
      ...entries(base),
      { path: 'img_align_celeba/extra/000001.jpg', data: base.jpegs[1] as Uint8Array },
    ];
    await openStudio(page);
    await drop(page, [zipFile(list), csvFile(base.header, base.rows), partitionFile(base.names)]);
    // The row names 000001.jpg without a folder and two folders hold it: never guessed.
    await expectTrainable(page, BASE_COUNT - 1);
    await expect(problems(page)).toContainText(
      `1 rows of ${CSV_NAME} name an image only by a file name that ${ZIP_NAME} holds in several folders; they were skipped.`,
    );
    await expect(problems(page)).toContainText(
      `1 file names occur in more than one folder of ${ZIP_NAME}`,
    );
    await expect(problems(page)).toContainText('000001.jpg');
  });

  test('a 0-byte JPEG is skipped and the rest trains', async ({ page }) => {
    test.setTimeout(TRAIN_TIMEOUT + 60_000);
    await openStudio(page);
    await drop(page, [
      zipFile(replaceEntry(0, new Uint8Array(0))),
      csvFile(base.header, base.rows),
      partitionFile(base.names),
    ]);
    // A 0-byte entry is known from the zip's directory: it is never counted as an image.
    await expectTrainable(page, BASE_COUNT - 1);
    const zeroBytes = `1 rows of ${CSV_NAME} name files of ${ZIP_NAME} that are not JPEG or PNG images (0 bytes: the download did not finish (1)); they were skipped.`;
    await expect(problems(page)).toContainText(zeroBytes);
    await expect(problems(page)).toContainText(
      `${base.names[0]}: 0 bytes: the download did not finish`,
    );
    await trainOneEpoch(page);
    // Training never met the entry, and nothing was counted twice.
    await expect(problems(page)).toContainText(zeroBytes);
    await expect(problems(page)).not.toContainText('could not be decoded');
  });

  test('a truncated JPEG is skipped', async ({ page }) => {
    const jpeg = base.jpegs[0] as Uint8Array;
    await openStudio(page);
    await drop(page, [
      zipFile(replaceEntry(0, jpeg.subarray(0, Math.floor(jpeg.length / 2)))),
      csvFile(base.header, base.rows),
      partitionFile(base.names),
    ]);
    await expectTrainable(page, BASE_COUNT);
    await expect(problems(page)).toContainText(
      new RegExp(`1 images of ${ZIP_NAME} could not be decoded .*first: ${base.names[0]}`),
    );
  });

  test('a text file named .jpg is skipped', async ({ page }) => {
    await openStudio(page);
    await drop(page, [
      zipFile(replaceEntry(0, new TextEncoder().encode('not a picture'))),
      csvFile(base.header, base.rows),
      partitionFile(base.names),
    ]);
    // Its first bytes are read at indexing: it is never counted as an image.
    await expectTrainable(page, BASE_COUNT - 1);
    await expect(problems(page)).toContainText(
      `1 rows of ${CSV_NAME} name files of ${ZIP_NAME} that are not JPEG or PNG images (a text file, not an image (1)); they were skipped.`,
    );
    await expect(problems(page)).toContainText(`${base.names[0]}: a text file, not an image`);
  });

  test('a 50-megapixel image is refused before decoding', async ({ page }) => {
    const big = '000001.png';
    await openStudio(page);
    await drop(page, withImage(0, big, fiftyMegapixelPng()));
    await expectTrainable(page, BASE_COUNT);
    await expect(problems(page)).toContainText(
      `1 images of ${ZIP_NAME} were refused while decoding and were skipped (first: ${big} is refused: 10000×5000 is 50.0 megapixels, over the 40 MP limit.)`,
    );
  });

  test('a zip-bomb entry is refused and the rest trains', async ({ page }) => {
    test.setTimeout(TRAIN_TIMEOUT + 60_000);
    await openStudio(page);
    await drop(page, [
      zipFile([...entries(base), zipBombEntry(`${FOLDER}bomb.jpg`)]),
      csvFile(base.header, base.rows),
      partitionFile(base.names),
    ]);
    await expectTrainable(page, BASE_COUNT);
    await expect(problems(page)).toContainText(
      `1 entries of ${ZIP_NAME} are over 20 MB and were refused.`,
    );
    await expect(problems(page)).toContainText('bomb.jpg');
    await trainOneEpoch(page);
  });

  test('a 200,000-row CSV with 30 images trains on the 30', async ({ page }) => {
    test.setTimeout(TRAIN_TIMEOUT + 120_000);
    const rowCount = 200_000;
    const images = 30;
    const rows = Array.from({ length: rowCount }, (_, i) => {
      const pattern = base.rows[i % BASE_COUNT] as string;
      return `${sampleImageName(i)}${pattern.slice(pattern.indexOf(','))}`;
    });
    await openStudio(page);
    await drop(page, [zipFile(entries(base).slice(0, images)), csvFile(base.header, rows)]);
    await expectTrainable(page, images);
    await expect(problems(page)).toContainText(
      `${rowCount - images} rows of ${CSV_NAME} name images that are not in ${ZIP_NAME}; they were skipped.`,
    );
    await trainOneEpoch(page);
  });

  test('rows with a wrong number of fields', async ({ page }) => {
    const rows = base.rows.map((r, i) => (i === 2 || i === 6 ? r.slice(0, r.lastIndexOf(',')) : r));
    await openStudio(page);
    await drop(page, filesWithRows(base, rows));
    await expectTrainable(page, BASE_COUNT - 2);
    // Data row i sits on line i + 2, under the header.
    await expect(problems(page)).toContainText(
      `2 rows of ${CSV_NAME} could not be read (rows 4, 8); they were skipped.`,
    );
  });

  test('a label value that is neither class', async ({ page }) => {
    const rows = base.rows.map((r, i) => (i === 4 ? withMale(base, i, '?') : r));
    await openStudio(page);
    await drop(page, filesWithRows(base, rows));
    await expectTrainable(page, BASE_COUNT - 1);
    await expect(problems(page)).toContainText(
      `1 rows of ${CSV_NAME} could not be read (rows 6); they were skipped.`,
    );
    await expect(problems(page)).toContainText('label "?" is neither class');
  });

  test('a row repeating an image', async ({ page }) => {
    const rows = [...base.rows, withMale(base, 0, '1'), withMale(base, 0, '-1')];
    await openStudio(page);
    await drop(page, filesWithRows(base, rows));
    await expectTrainable(page, BASE_COUNT);
    await expect(problems(page)).toContainText(
      `2 rows of ${CSV_NAME} repeat an image named by an earlier row; the earlier row was used.`,
    );
  });

  test('images without a row in the CSV', async ({ page }) => {
    const labelled = BASE_COUNT - 5;
    await openStudio(page);
    await drop(page, [
      zipFile(entries(base)),
      // The first rows go, so the five unlabelled images are all in the training split.
      csvFile(base.header, base.rows.slice(BASE_COUNT - labelled)),
      partitionFile(base.names),
    ]);
    await expectTrainable(page, labelled);
    await expect(problems(page)).toContainText(
      `5 images in ${ZIP_NAME} have no row in ${CSV_NAME}; they were skipped.`,
    );
  });

  test('macOS metadata and other non-images in the zip', async ({ page }) => {
    const junk = [
      { path: '__MACOSX/img_align_celeba/._000001.jpg', data: new Uint8Array(82) },
      { path: 'img_align_celeba/.DS_Store', data: new Uint8Array(64) },
      { path: 'img_align_celeba/README.txt', data: new TextEncoder().encode('CelebA') },
    ];
    await openStudio(page);
    await drop(page, [
      zipFile([...entries(base), ...junk]),
      csvFile(base.header, base.rows),
      partitionFile(base.names),
    ]);
    await expectTrainable(page, BASE_COUNT);
    await expect(problems(page)).toContainText(
      `3 entries of ${ZIP_NAME} are not JPEG or PNG images (or are macOS metadata) and were ignored.`,
    );
  });
});
