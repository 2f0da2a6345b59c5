import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexFolder } from '../../src/core/dataset/folderIndex.ts';
import { MAX_ENTRY_BYTES } from '../../src/core/dataset/imageLimits.ts';
import { loadDataset } from '../../src/core/dataset/load.ts';
import { indexZip } from '../../src/core/dataset/zipIndex.ts';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/domain/dataset.ts';
import { file, imageName, kaggleCsv, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';
import { diskFile } from '../support/diskBlob.ts';
import { Zip64FileWriter } from '../support/zip64Writer.ts';
import { writeZip } from '../support/zipWriter.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-access-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function diskZip(name: string, build: (writer: Zip64FileWriter) => void) {
  const path = join(dir, name);
  const writer = new Zip64FileWriter(path);
  build(writer);
  writer.close();
  return diskFile(path, name);
}

/** Rewrites the central directory's uncompressed size of a one-entry archive. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const directory = view.getUint32(zip.length - 22 + 16, true);
  view.setUint32(directory + 24, size, true);
  return zip;
}

describe('reading a zip by random access', () => {
  it('opens a Zip64 archive of more entries than a plain zip can count', async () => {
    // 65,535 is the most a zip without Zip64 records can hold.
    const count = 65_536 + 10;
    const jpg = tinyJpeg();
    const zip = await diskZip('many.zip', (w) => {
      for (let i = 1; i <= count; i++) w.add(`img_align_celeba/${imageName(i)}`, jpg);
    });
    // Progress counts toward the total the Zip64 end record declares.
    const totals = new Set<number>();
    const index = await indexZip(zip, (_stage, _done, total) => totals.add(total));
    expect([...totals]).toEqual([count]);
    expect(index.entries.size).toBe(count);
    expect(await index.source.read(imageName(count))).toEqual(jpg);
    expect(index.bytes).toBe(zip.size);
  });

  it('reads an entry that lies past 4 GiB through its Zip64 extra field', async () => {
    const first = tinyJpeg(8, 8, [10, 20, 30]);
    const far = tinyJpeg(8, 8, [200, 100, 50]);
    const zip = await diskZip('far.zip', (w) => {
      w.add('a/000001.jpg', first);
      w.skip(2 ** 32 + 1000);
      w.add('a/000002.jpg', far);
    });
    expect(zip.size).toBeGreaterThan(2 ** 32);
    const index = await indexZip(zip, noProgress);
    expect(await index.source.read('000001.jpg')).toEqual(first);
    expect(await index.source.read('000002.jpg')).toEqual(far);
  });

  it('inflates deflated entries', async () => {
    const jpg = tinyJpeg(32, 32);
    const zip = file('z.zip', writeZip([{ path: 'x/000001.jpg', data: jpg, deflate: true }]));
    const index = await indexZip(zip, noProgress);
    expect(await index.source.read('000001.jpg')).toEqual(jpg);
  });

  it('refuses an entry that declares more than 20 MB without inflating it', async () => {
    const data = new Uint8Array(MAX_ENTRY_BYTES + 1);
    const zip = file('z.zip', writeZip([{ path: 'x/bomb.jpg', data, deflate: true }]));
    const index = await indexZip(zip, noProgress);
    expect(index.refused).toEqual(['x/bomb.jpg']);
    expect(index.source.has('bomb.jpg')).toBe(false);
  });

  it('refuses an entry that inflates past the size it declares', async () => {
    // Starts like a JPEG, so it passes the header check at indexing and fails only when read.
    const data = new Uint8Array(8 * 1024 * 1024);
    data.set([0xff, 0xd8, 0xff]);
    const zip = declareSize(writeZip([{ path: 'x/liar.jpg', data, deflate: true }]), 1000);
    const index = await indexZip(file('z.zip', zip), noProgress);
    await expect(index.source.read('liar.jpg')).rejects.toThrow(
      'liar.jpg is refused: it inflates past the 1000 bytes its zip entry declares.',
    );
  });

  it('says which entry a truncated archive cuts short', async () => {
    const jpg = tinyJpeg();
    const whole = writeZip([{ path: 'x/000001.jpg', data: jpg }]);
    // Move the directory's view of the entry's size past the end of the data.
    const zip = declareSize(whole, jpg.length);
    const view = new DataView(zip.buffer);
    const directory = view.getUint32(zip.length - 22 + 16, true);
    view.setUint32(directory + 20, jpg.length + 100_000, true);
    view.setUint32(directory + 24, jpg.length + 100_000, true);
    const index = await indexZip(file('z.zip', zip), noProgress);
    await expect(index.source.read('000001.jpg')).rejects.toThrow(/ends inside it/);
  });
});

describe('cancelling an index', () => {
  it('stops a long index when its signal aborts', async () => {
    const jpg = tinyJpeg();
    const zip = await diskZip('cancel.zip', (w) => {
      for (let i = 1; i <= 20_000; i++) w.add(`a/${imageName(i)}`, jpg);
    });
    const controller = new AbortController();
    let seen = 0;
    const indexing = indexZip(
      zip,
      (_stage, done) => {
        seen = done;
        if (done > 0) controller.abort(new Error('Replaced by a newer drop.'));
      },
      controller.signal,
    );
    await expect(indexing).rejects.toThrow('Replaced by a newer drop.');
    expect(seen).toBeLessThan(20_000);
  });
});

describe('a folder instead of a zip', () => {
  it('gives the same summary and split as the zip of the same images', async () => {
    const count = 60;
    const jpg = tinyJpeg();
    const csv = kaggleCsv(count, (i) => i % 2 === 0);
    const entries = Array.from({ length: count }, (_, i) => ({
      path: `img_align_celeba/${imageName(i + 1)}`,
      data: jpg,
    }));
    const fromZip = await loadDataset(
      [file('img_align_celeba.zip', writeZip(entries)), file('list_attr_celeba.csv', csv)],
      DEFAULT_SPLIT_OPTIONS,
      noProgress,
    );
    const folderFiles = [
      ...entries.map((e) => file(e.path.split('/')[1] as string, e.data)),
      file('.DS_Store', 'finder'),
      file('list_attr_celeba.csv', csv),
    ];
    const paths = [...entries.map((e) => e.path), 'img_align_celeba/.DS_Store', ''];
    const fromFolder = await loadDataset(folderFiles, DEFAULT_SPLIT_OPTIONS, noProgress, { paths });
    expect(fromFolder.dataset.summary.splits).toEqual(fromZip.dataset.summary.splits);
    expect(fromFolder.dataset.splits).toEqual(fromZip.dataset.splits);
    expect(fromFolder.dataset.summary.zipFile.name).toBe('img_align_celeba');
    expect(fromFolder.dataset.summary.zipFile.images).toBe(count);
    expect(await fromFolder.dataset.source.read(imageName(7))).toEqual(jpg);
    const ignored = fromFolder.dataset.summary.problems.find((p) => p.kind === 'ignored-entry');
    expect(ignored?.examples).toEqual(['img_align_celeba/.DS_Store']);
  });

  it('refuses an image file over 20 MB at index time', async () => {
    const big = file('huge.jpg', new Uint8Array(MAX_ENTRY_BYTES + 1));
    const index = await indexFolder([{ file: big, path: 'f/huge.jpg' }], noProgress);
    expect(index.refused).toEqual(['f/huge.jpg']);
  });

  it('refuses a zip dropped with a folder', async () => {
    await expect(
      loadDataset(
        [file('a.zip', writeZip([])), file('000001.jpg', tinyJpeg()), file('l.csv', 'a,b\n')],
        DEFAULT_SPLIT_OPTIONS,
        noProgress,
        { paths: ['', 'imgs/000001.jpg', ''] },
      ),
    ).rejects.toThrow('Drop one image zip or one folder, not both: got a.zip and the folder imgs.');
  });
});
