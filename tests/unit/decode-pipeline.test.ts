import { describe, expect, it } from 'vitest';
import { readBatch } from '../../src/core/dataset/batch.ts';
import { decodeConcurrency, decodePool } from '../../src/core/dataset/decodePool.ts';
import { BatchPrefetcher } from '../../src/core/dataset/prefetch.ts';
import type { DecodedImage, ImageDecoder, ImageRef } from '../../src/core/dataset/types.ts';

/** Resolves once every callback queued so far (and those they queue) has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A decoder whose decodes finish only when the test says so, counting those in flight. */
function manualDecoder() {
  const pending: { name: string; finish: (fail?: boolean) => void }[] = [];
  let inFlight = 0;
  let most = 0;
  const decoder: ImageDecoder = {
    decode: (bytes, name, size) =>
      new Promise<DecodedImage>((resolve, reject) => {
        inFlight++;
        most = Math.max(most, inFlight);
        pending.push({
          name,
          finish: (fail = false) => {
            inFlight--;
            if (fail) reject(new Error(`${name} is corrupt`));
            else
              resolve({
                width: size,
                height: size,
                data: new Uint8Array(size * size * 3).fill(bytes[0] ?? 0),
              });
          },
        });
      }),
  };
  return {
    decoder,
    pending,
    inFlight: () => inFlight,
    most: () => most,
    /** Finishes the oldest decodes first. */
    finish: (n = pending.length) => {
      for (const p of pending.splice(0, n)) p.finish();
    },
  };
}

describe('decodePool', () => {
  it('never runs more than its limit at once and runs every decode, oldest first', async () => {
    const fake = manualDecoder();
    const pool = decodePool(fake.decoder, 3);
    const results = Array.from({ length: 10 }, (_, i) =>
      pool.decode(new Uint8Array([i]), `${i}.jpg`, 1),
    );
    await settle();
    expect([pool.active, pool.queued, fake.inFlight()]).toEqual([3, 7, 3]);
    while (fake.pending.length > 0) {
      expect(fake.pending.map((p) => p.name)).toEqual(
        fake.pending
          .map((p) => p.name)
          .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)),
      );
      fake.finish(1);
      await settle();
      expect(fake.inFlight()).toBeLessThanOrEqual(3);
    }
    const images = await Promise.all(results);
    expect(images.map((im) => im.data[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fake.most()).toBe(3);
    expect([pool.active, pool.queued]).toEqual([0, 0]);
  });

  it('a failed decode frees its place and fails only its own image', async () => {
    const fake = manualDecoder();
    const pool = decodePool(fake.decoder, 1);
    const first = pool.decode(new Uint8Array([1]), 'bad.jpg', 1);
    const second = pool.decode(new Uint8Array([2]), 'good.jpg', 1);
    await settle();
    fake.pending.shift()?.finish(true);
    await expect(first).rejects.toThrow('bad.jpg is corrupt');
    await settle();
    fake.finish();
    expect((await second).data[0]).toBe(2);
    expect([pool.active, pool.queued]).toEqual([0, 0]);
  });

  it('inside readBatch, a batch larger than the pool still comes back whole and in order', async () => {
    const fake = manualDecoder();
    const pool = decodePool(fake.decoder, 2);
    const refs: ImageRef[] = Array.from({ length: 6 }, (_, i) => ({
      name: `${i}.jpg`,
      label: (i % 2) as 0 | 1,
      row: i + 2,
    }));
    const source = {
      has: () => true,
      read: async (name: string) => new Uint8Array([Number.parseInt(name, 10)]),
    };
    const batch = readBatch(source, refs, pool, 2);
    while ((await Promise.race([batch.then(() => true), settle().then(() => false)])) === false) {
      expect(fake.inFlight()).toBeLessThanOrEqual(2);
      fake.finish();
    }
    const { names, images, count } = await batch;
    expect(count).toBe(6);
    expect(names).toEqual(refs.map((r) => r.name));
    expect(Array.from({ length: 6 }, (_, i) => images[i * 12])).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('keeps several cores busy without an unbounded number in flight', () => {
    expect(decodeConcurrency(2)).toBe(16);
    expect(decodeConcurrency(undefined)).toBe(16);
    expect(decodeConcurrency(8)).toBe(32);
    expect(decodeConcurrency(64)).toBe(32);
  });
});

/** Batch reads that finish when the test says so. */
function manualReads() {
  const started: number[] = [];
  const finishers = new Map<number, (fail?: boolean) => void>();
  const read = (index: number) =>
    new Promise<string>((resolve, reject) => {
      started.push(index);
      finishers.set(index, (fail = false) =>
        fail ? reject(new Error(`batch ${index} failed`)) : resolve(`batch ${index}`),
      );
    });
  const finish = (index: number, fail = false) => {
    finishers.get(index)?.(fail);
    finishers.delete(index);
  };
  return { read, started, finish, unfinished: () => [...finishers.keys()] };
}

describe('BatchPrefetcher', () => {
  it('reads up to `depth` batches ahead and hands them back in order', async () => {
    const reads = manualReads();
    let clock = 0;
    const prefetch = new BatchPrefetcher(6, reads.read, 2, () => clock);
    expect(reads.started).toEqual([0, 1]);
    // Finished out of order: still handed back in order.
    reads.finish(1);
    reads.finish(0);
    expect(await prefetch.next()).toBe('batch 0');
    expect(reads.started).toEqual([0, 1, 2]);
    expect(await prefetch.next()).toBe('batch 1');
    expect(reads.started).toEqual([0, 1, 2, 3]);
    // Batch 2 is not read yet: next() waits for it, and the wait is counted.
    const third = prefetch.next();
    expect(reads.started).toEqual([0, 1, 2, 3, 4]);
    expect(prefetch.inFlight).toBe(2);
    clock = 40;
    reads.finish(2);
    expect(await third).toBe('batch 2');
    for (const i of [3, 4, 5]) {
      reads.finish(i);
      expect(await prefetch.next()).toBe(`batch ${i}`);
    }
    expect(reads.started).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(prefetch.next()).rejects.toThrow('All 6 batches were read');
    clock = 100;
    expect(await prefetch.close()).toEqual({ waitedMs: 40, spanMs: 100, batches: 6 });
  });

  it('close() starts nothing more and waits for the reads in flight; nothing is left behind', async () => {
    const reads = manualReads();
    const prefetch = new BatchPrefetcher(100, reads.read, 3, () => 0);
    reads.finish(0);
    await prefetch.next();
    expect(reads.started).toEqual([0, 1, 2, 3]);
    let closed = false;
    const closing = prefetch.close().then(() => {
      closed = true;
    });
    await settle();
    expect(closed).toBe(false);
    reads.finish(1);
    reads.finish(2, true); // a failure after close is dropped, never unhandled
    reads.finish(3);
    await closing;
    expect(reads.started).toEqual([0, 1, 2, 3]);
    expect(reads.unfinished()).toEqual([]);
    expect(prefetch.inFlight).toBe(0);
    await expect(prefetch.next()).rejects.toThrow('closed');
  });

  it('a failed read is reported by the next() that takes it, and later batches still come', async () => {
    const reads = manualReads();
    const prefetch = new BatchPrefetcher(3, reads.read, 3, () => 0);
    reads.finish(0, true);
    reads.finish(1);
    reads.finish(2);
    await expect(prefetch.next()).rejects.toThrow('batch 0 failed');
    expect(await prefetch.next()).toBe('batch 1');
    expect(await prefetch.next()).toBe('batch 2');
    await prefetch.close();
  });

  it('with a pool below it, the decodes in flight stay within the pool for any depth', async () => {
    const fake = manualDecoder();
    const pool = decodePool(fake.decoder, 4);
    const refs: ImageRef[] = Array.from({ length: 64 }, (_, i) => ({
      name: `${i}.jpg`,
      label: 0,
      row: i + 2,
    }));
    const source = { has: () => true, read: async () => new Uint8Array([7]) };
    const batch = 8;
    const prefetch = new BatchPrefetcher(
      refs.length / batch,
      (b) => readBatch(source, refs.slice(b * batch, (b + 1) * batch), pool, 1),
      3,
      () => 0,
    );
    let taken = 0;
    while (taken < refs.length / batch) {
      const next = prefetch.next();
      while ((await Promise.race([next.then(() => true), settle().then(() => false)])) === false) {
        fake.finish();
      }
      expect((await next).count).toBe(batch);
      taken++;
    }
    await prefetch.close();
    expect(fake.most()).toBe(4);
    expect([pool.active, pool.queued, fake.inFlight()]).toEqual([0, 0, 0]);
  });
});
