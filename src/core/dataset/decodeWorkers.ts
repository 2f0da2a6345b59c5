import type { DecodeReply, DecodeRequest, DecodeTarget } from './decodeMessages.ts';
import { decodeLocated } from './imageLocation.ts';
import type { DecodedImage, ImageDecoder, ImageLocation } from './types.ts';

/** One decode worker as the pool sees it; the platform opens it (a Worker in the browser). */
export interface DecodeChannel {
  post(request: DecodeRequest): void;
  terminate(): void;
}

/**
 * Starts a decode worker: `onReply` gets its answers, `onFailure` is called
 * once if it dies or cannot start (its requests are then decoded here).
 */
export type OpenDecodeChannel = (
  onReply: (reply: DecodeReply) => void,
  onFailure: (why: string) => void,
) => DecodeChannel;

export interface DecodeWorkersOptions {
  open: OpenDecodeChannel;
  /** Decode workers at most; started as requests need them. */
  workers: number;
  /** Requests handed to one worker at once; the rest wait here, in order. */
  perWorker: number;
  /** Decodes in this thread: bytes handed to `decode`, and every image once a worker failed. */
  fallback: ImageDecoder;
}

interface Job {
  id: number;
  location: ImageLocation;
  name: string;
  size: number;
  resolve: (image: DecodedImage) => void;
  reject: (error: Error) => void;
}

interface Lane {
  channel: DecodeChannel;
  jobs: Map<number, Job>;
  /** Zips this worker was handed. */
  archives: Set<number>;
}

/**
 * Decodes in a pool of workers: each reads the image from the dropped file
 * (zip entry or folder file), inflates, decodes, resizes and converts it to
 * RGB, and transfers the pixels back, so a step that holds this thread does
 * not hold up decoding. At most `workers × perWorker` requests are out at
 * once; the rest queue in order.
 */
export class DecodeWorkers implements ImageDecoder {
  private lanes: Lane[] = [];
  /** Workers of a replaced dataset, terminated as soon as their last request is answered. */
  private readonly retiring = new Set<Lane>();
  private readonly queue: Job[] = [];
  private readonly archiveIds = new WeakMap<Blob, number>();
  private nextArchive = 1;
  private nextJob = 1;
  private failure: string | null = null;

  constructor(private readonly options: DecodeWorkersOptions) {
    for (const [what, n] of [
      ['workers', options.workers],
      ['perWorker', options.perWorker],
    ] as const) {
      if (!Number.isInteger(n) || n < 1) throw new Error(`Decode ${what} ${n} is not ≥ 1`);
    }
  }

  /** Workers running now, retiring ones included. */
  get running(): number {
    return this.lanes.length + this.retiring.size;
  }

  /** Requests a worker is working on. */
  get active(): number {
    let n = 0;
    for (const lane of [...this.lanes, ...this.retiring]) n += lane.jobs.size;
    return n;
  }

  /** Requests waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Why decoding moved back to this thread, or null while the workers serve. */
  get failed(): string | null {
    return this.failure;
  }

  decode(bytes: Uint8Array, name: string, size: number): Promise<DecodedImage> {
    return this.options.fallback.decode(bytes, name, size);
  }

  decodeAt(location: ImageLocation, name: string, size: number): Promise<DecodedImage> {
    if (this.failure) return decodeLocated(location, name, size, this.options.fallback);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextJob++, location, name, size, resolve, reject });
      this.pump();
    });
  }

  /** Idle workers stop now, busy ones once answered; the next request starts fresh ones. */
  release(): void {
    for (const lane of this.lanes) {
      if (lane.jobs.size === 0) lane.channel.terminate();
      else this.retiring.add(lane);
    }
    this.lanes = [];
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.failure) {
      let lane: Lane | null;
      try {
        lane = this.freeLane();
      } catch (error) {
        this.fail(null, error instanceof Error ? error.message : String(error));
        return;
      }
      if (!lane) return;
      this.send(lane, this.queue.shift() as Job);
    }
  }

  /** The least busy worker with room, starting another while every one is busy. */
  private freeLane(): Lane | null {
    let best: Lane | null = null;
    for (const lane of this.lanes) if (!best || lane.jobs.size < best.jobs.size) best = lane;
    if ((!best || best.jobs.size > 0) && this.lanes.length < this.options.workers) {
      return this.open();
    }
    return best && best.jobs.size < this.options.perWorker ? best : null;
  }

  private open(): Lane {
    let lane: Lane | null = null;
    const channel = this.options.open(
      (reply) => {
        if (lane) this.answer(lane, reply);
      },
      (why) => {
        if (lane) this.fail(lane, why);
      },
    );
    lane = { channel, jobs: new Map(), archives: new Set() };
    this.lanes.push(lane);
    return lane;
  }

  private send(lane: Lane, job: Job): void {
    lane.jobs.set(job.id, job);
    const { location } = job;
    let target: DecodeTarget;
    if (location.kind === 'zip') {
      let archive = this.archiveIds.get(location.archive);
      if (archive === undefined) {
        archive = this.nextArchive++;
        this.archiveIds.set(location.archive, archive);
      }
      if (!lane.archives.has(archive)) {
        lane.channel.post({
          type: 'archive',
          archive,
          blob: location.archive,
          name: location.archiveName,
        });
        lane.archives.add(archive);
      }
      target = { kind: 'zip', archive, entry: location.entry };
    } else target = location;
    lane.channel.post({ type: 'decode', id: job.id, name: job.name, size: job.size, target });
  }

  private answer(lane: Lane, reply: DecodeReply): void {
    const job = lane.jobs.get(reply.id);
    if (!job) return;
    lane.jobs.delete(reply.id);
    if (reply.ok) job.resolve({ width: reply.width, height: reply.height, data: reply.data });
    else job.reject(new Error(reply.message));
    if (lane.jobs.size === 0 && this.retiring.delete(lane)) {
      lane.channel.terminate();
    }
    this.pump();
  }

  /**
   * A worker that died or could not start: its requests, the queued ones and
   * every later one decode in this thread; the other workers stop once answered.
   */
  private fail(lane: Lane | null, why: string): void {
    this.failure ??= why;
    const orphans = lane ? [...lane.jobs.values()] : [];
    if (lane) {
      lane.jobs.clear();
      lane.channel.terminate();
      this.lanes = this.lanes.filter((l) => l !== lane);
      this.retiring.delete(lane);
    }
    this.release();
    for (const job of [...orphans, ...this.queue.splice(0)]) {
      decodeLocated(job.location, job.name, job.size, this.options.fallback).then(
        job.resolve,
        job.reject,
      );
    }
  }
}
