import { describe, expect, it, vi } from 'vitest';
import { readBatch } from '../../src/core/dataset/batch.ts';
import type {
  DecodeReply,
  DecodeRequest,
  DecodeTarget,
} from '../../src/core/dataset/decodeMessages.ts';
import { decodeService } from '../../src/core/dataset/decodeService.ts';
import { DecodeWorkers, type OpenDecodeChannel } from '../../src/core/dataset/decodeWorkers.ts';
import { readLocated } from '../../src/core/dataset/imageLocation.ts';
import { jpegDecoder } from '../../src/core/dataset/jpegDecoder.ts';
import type {
  ImageDecoder,
  ImageLocation,
  ImageRef,
  ImageSource,
} from '../../src/core/dataset/types.ts';
import { indexZip } from '../../src/core/dataset/zipIndex.ts';
import { memoryRunStore } from '../../src/core/runs/store.ts';
import { handleDataset } from '../../src/worker/dataset.ts';
import { createSession } from '../../src/worker/session.ts';
import { zipBombEntry } from '../support/badInputs.ts';
import { file, labelsOnlyLoad, noProgress, tinyJpeg } from '../support/datasetFixtures.ts';
import { writeZip, type ZipEntry } from '../support/zipWriter.ts';

/** Lets every queued callback (and what it queues) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until `done()` holds: the fake workers read and decode on timers of their own. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}

/** One fake decode worker: what it was sent, and whether it was stopped. */
interface FakeWorker {
  requests: DecodeRequest[];
  terminated: boolean;
  /** Answers held back by a `manual` worker, oldest first. */
  held: (() => void)[];
  die(why: string): void;
}

/**
 * Decode workers in this thread: each runs the real decode service (jpeg-js)
 * on structured clones of what it is sent, as a worker would, and transfers
 * its answers' buffers. A `manual` one holds its answers until the test lets
 * them through.
 */
function fakeWorkers(manual = false) {
  const workers: FakeWorker[] = [];
  const open: OpenDecodeChannel = (onReply, onFailure) => {
    const worker: FakeWorker = {
      requests: [],
      terminated: false,
      held: [],
      die: (why) => onFailure(why),
    };
    const reply = (answer: DecodeReply, transfer: Transferable[]) => {
      const moved = structuredClone(answer, { transfer });
      const deliver = () => {
        if (!worker.terminated) onReply(moved);
      };
      if (manual) worker.held.push(deliver);
      else setTimeout(deliver, 0);
    };
    const handle = decodeService(jpegDecoder, reply);
    workers.push(worker);
    return {
      post(request) {
        if (worker.terminated) throw new Error('posted to a stopped worker');
        worker.requests.push(request);
        handle(structuredClone(request));
      },
      terminate: () => {
        worker.terminated = true;
      },
    };
  };
  return { open, workers };
}

const pool = (open: OpenDecodeChannel, workers = 2, perWorker = 3) =>
  new DecodeWorkers({ open, workers, perWorker, fallback: jpegDecoder });

const decodes = (w: FakeWorker) => w.requests.filter((r) => r.type === 'decode');
const archives = (w: FakeWorker) => w.requests.filter((r) => r.type === 'archive');

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const colour = (i: number): [number, number, number] => [20 * i, 255 - 20 * i, 100];

/** A JPEG whose header is whole but whose image data stops short: it passes every header check. */
const cutJpeg = () => {
  const whole = tinyJpeg(12, 10);
  return whole.slice(0, whole.length - 40);
};

/** A zip of good JPEGs (stored and deflated), a cut one, and an entry over the size limit. */
function mixedZip(good: number) {
  const entries: ZipEntry[] = Array.from({ length: good }, (_, i) => ({
    path: `imgs/ok${i}.jpg`,
    data: tinyJpeg(12, 10, colour(i)),
    deflate: i % 2 === 0,
  }));
  entries.push(
    { path: 'imgs/cut.jpg', data: cutJpeg(), deflate: true },
    { ...zipBombEntry('imgs/bomb.jpg'), deflate: true },
  );
  return file('faces.zip', writeZip(entries));
}

const refsOf = (names: string[]): ImageRef[] =>
  names.map((name, i) => ({ name, label: (i % 2) as 0 | 1, row: i + 2 }));

const names = (good: number) => [
  ...Array.from({ length: good }, (_, i) => `ok${i}.jpg`),
  'cut.jpg',
  'bomb.jpg',
  'absent.jpg',
];

/** Images as a folder's files, read where they lie, with no header check at indexing. */
function filesSource(images: Record<string, Uint8Array>): ImageSource {
  const locate = (name: string): ImageLocation | undefined => {
    const bytes = images[name];
    if (!bytes) return undefined;
    return {
      kind: 'file',
      file: new Blob([bytes as BlobPart]),
      path: `faces/${name}`,
      size: bytes.length,
    };
  };
  return {
    has: (name) => name in images,
    read: (name) => {
      const at = locate(name);
      return at ? readLocated(at) : Promise.reject(new Error(`${name} is not in faces.`));
    },
    locate,
  };
}

describe('decode workers', () => {
  it('give the very pixels and per-image messages of decoding in this thread', async () => {
    const index = await indexZip(mixedZip(7), noProgress);
    const refs = refsOf(names(7));
    const here = await readBatch(index.source, refs, jpegDecoder, 16);
    const fake = fakeWorkers();
    const workers = pool(fake.open);
    const there = await readBatch(index.source, refs, workers, 16);
    expect(there).toEqual(here);
    expect(there.count).toBe(7);
    expect(there.skipped.map((s) => s.name)).toEqual(['cut.jpg', 'bomb.jpg', 'absent.jpg']);
    expect(there.skipped[0]?.reason).toMatch(/^cut\.jpg could not be decoded: /);
    // Every image the zip holds went to a worker; the bomb (refused when the zip was
    // indexed) and the absent one were told in this thread, as before.
    expect(fake.workers.flatMap(decodes)).toHaveLength(8);
    expect(workers.failed).toBeNull();
  });

  it('read files themselves and name what they cannot read as this thread does', async () => {
    const source = filesSource({
      'a.jpg': tinyJpeg(9, 9, colour(1)),
      'b.jpg': tinyJpeg(9, 9, colour(2)),
      'c.jpg': ascii('GIF89a\u0001\u0000'),
      'd.jpg': ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 '),
      'e.jpg': new Uint8Array(0),
      'f.jpg': ascii('not an image at all'),
      'g.jpg': cutJpeg(),
    });
    const refs = refsOf(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg', 'g.jpg', 'h.jpg']);
    const fake = fakeWorkers();
    const there = await readBatch(source, refs, pool(fake.open), 8);
    expect(there).toEqual(await readBatch(source, refs, jpegDecoder, 8));
    expect(there.count).toBe(2);
    expect(there.skipped.slice(0, 4)).toEqual([
      { name: 'c.jpg', reason: 'c.jpg is a GIF image: convert to JPEG or PNG.' },
      { name: 'd.jpg', reason: 'd.jpg is a WebP image: convert to JPEG or PNG.' },
      { name: 'e.jpg', reason: 'e.jpg is 0 bytes: the download did not finish.' },
      { name: 'f.jpg', reason: 'f.jpg is not a readable JPEG or PNG.' },
    ]);
    expect(fake.workers.flatMap(decodes)).toHaveLength(7);
  });

  it('hand each worker a zip once, then only entries, and give each answer to its own image', async () => {
    const index = await indexZip(mixedZip(12), noProgress);
    const fake = fakeWorkers(true);
    const workers = pool(fake.open, 2, 6);
    const at = (name: string) => index.source.locate?.(name) as ImageLocation;
    const images = names(12)
      .slice(0, 12)
      .map((name) => workers.decodeAt(at(name), name, 4));
    await settle();
    expect(fake.workers).toHaveLength(2);
    for (const w of fake.workers) {
      expect(archives(w)).toHaveLength(1);
      expect(decodes(w)).toHaveLength(6);
    }
    // Answers come back newest first; each still reaches the image it belongs to.
    await until(() => fake.workers.every((w) => w.held.length === 6));
    for (const w of fake.workers) {
      for (const deliver of w.held.splice(0).reverse()) deliver();
    }
    const expected = await Promise.all(
      names(12)
        .slice(0, 12)
        .map(async (name) => jpegDecoder.decode(await index.source.read(name), name, 4)),
    );
    expect(await Promise.all(images)).toEqual(expected);
  });

  it('never hold more than workers × perWorker requests out; the rest wait, oldest first', async () => {
    const index = await indexZip(mixedZip(20), noProgress);
    const fake = fakeWorkers(true);
    const workers = pool(fake.open, 2, 3);
    const order = names(20).slice(0, 20);
    const images = order.map((name) =>
      workers.decodeAt(index.source.locate?.(name) as ImageLocation, name, 4),
    );
    await settle();
    expect([workers.running, workers.active, workers.queued]).toEqual([2, 6, 14]);
    while (workers.active > 0) {
      await until(() => fake.workers.some((w) => w.held.length > 0));
      for (const w of fake.workers) w.held.shift()?.();
      await settle();
      expect(workers.active).toBeLessThanOrEqual(6);
    }
    await Promise.all(images);
    const sent = fake.workers
      .flatMap(decodes)
      .map((r) => (r.type === 'decode' ? r.id : 0))
      .sort((a, b) => a - b);
    expect(sent).toHaveLength(20);
    // Requests left in the order they were asked for: ids rise with the queue.
    const perWorker = fake.workers.map((w) =>
      decodes(w).map((r) => (r.type === 'decode' ? r.id : 0)),
    );
    for (const ids of perWorker) expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect([workers.active, workers.queued]).toEqual([0, 0]);
  });

  it('stop when released: idle ones at once, busy ones once answered; later images start fresh ones', async () => {
    const first = await indexZip(mixedZip(4), noProgress);
    const fake = fakeWorkers(true);
    const workers = pool(fake.open, 2, 4);
    const busy = workers.decodeAt(first.source.locate?.('ok0.jpg') as ImageLocation, 'ok0.jpg', 4);
    await settle();
    expect(fake.workers).toHaveLength(1);
    const [old] = fake.workers as [FakeWorker];
    workers.release();
    expect(old.terminated).toBe(false);
    expect(workers.running).toBe(1);
    await until(() => old.held.length === 1);
    old.held.shift()?.();
    await busy;
    expect(old.terminated).toBe(true);
    expect(workers.running).toBe(0);

    const second = await indexZip(mixedZip(2), noProgress);
    const at = second.source.locate?.('ok1.jpg') as Extract<ImageLocation, { kind: 'zip' }>;
    const next = workers.decodeAt(at, 'ok1.jpg', 4);
    await settle();
    const fresh = fake.workers[1] as FakeWorker;
    expect(fake.workers).toHaveLength(2);
    // The fresh worker holds the new zip only.
    expect(archives(fresh).map((r) => (r.type === 'archive' ? r.blob : null))).toEqual([
      at.archive,
    ]);
    await until(() => fresh.held.length === 1);
    fresh.held.shift()?.();
    await next;
    workers.release();
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
  });

  it('decode in this thread once a worker dies, its pending images included', async () => {
    const index = await indexZip(mixedZip(6), noProgress);
    const fake = fakeWorkers();
    const workers = pool(fake.open, 2, 2);
    const refs = refsOf(names(6));
    const batch = readBatch(index.source, refs, workers, 8);
    expect([workers.active, workers.queued]).toEqual([4, 3]);
    fake.workers[0]?.die('the decode worker could not start');
    expect([workers.active, workers.queued]).toEqual([2, 0]);
    const got = await batch;
    expect(got).toEqual(await readBatch(index.source, refs, jpegDecoder, 8));
    expect(workers.failed).toBe('the decode worker could not start');
    // The other worker answered what it held, then stopped; nothing new went to a worker.
    expect(fake.workers.map((w) => [w.terminated, decodes(w).length])).toEqual([
      [true, 2],
      [true, 2],
    ]);
  });
});

describe('a decode worker', () => {
  it('works on a few images at once, oldest first, so the next batch is answered first', async () => {
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const slow: ImageDecoder = {
      decode: (_bytes, name, size) =>
        new Promise((resolve) => {
          started.push(name);
          finish.push(() => resolve({ width: size, height: size, data: new Uint8Array(3) }));
        }),
    };
    const answered: number[] = [];
    const handle = decodeService(slow, (reply) => answered.push(reply.id), 2);
    const jpg = tinyJpeg();
    for (let id = 1; id <= 6; id++) {
      const target: DecodeTarget = {
        kind: 'file',
        file: new Blob([jpg]),
        path: `${id}.jpg`,
        size: jpg.length,
      };
      handle({ type: 'decode', id, name: `${id}.jpg`, size: 1, target });
    }
    await until(() => started.length === 2);
    await settle();
    expect(started).toEqual(['1.jpg', '2.jpg']);
    while (finish.length > 0) {
      finish.shift()?.();
      await until(() => finish.length > 0 || started.length === 6);
    }
    await until(() => answered.length === 6);
    expect(started).toEqual(['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg', '6.jpg']);
    expect(answered).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('a new load', () => {
  it('lets the decode workers go, even when it fails', async () => {
    const release = vi.fn();
    const decoder: ImageDecoder = { decode: jpegDecoder.decode, release };
    const session = createSession(() => {}, {
      decoder,
      runStore: memoryRunStore(),
      weightsCache: { last: async () => null, save: async () => {} },
      startBackend: async () => {
        throw new Error('no backend in this test');
      },
      restoreDemo: async () => {},
    });
    const load = labelsOnlyLoad();
    await expect(handleDataset(session, load, new AbortController().signal)).rejects.toBeDefined();
    expect(release).toHaveBeenCalledTimes(1);
  });
});
