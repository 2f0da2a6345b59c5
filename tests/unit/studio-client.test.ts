import { describe, expect, it } from 'vitest';
import type { Command, StudioEvent } from '../../src/protocol/index.ts';
import { studioActions } from '../../src/studio/actions.ts';
import { StudioClient } from '../../src/studio/client.ts';

/** A worker stand-in: keeps what the page posts and answers when told to. */
class FakeWorker extends EventTarget {
  readonly posted: Command[] = [];
  terminated = false;
  postMessage(message: Command): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(event: StudioEvent): void {
    this.dispatchEvent(new MessageEvent('message', { data: event }));
  }
  crash(): void {
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message: 'out of memory' });
    this.dispatchEvent(event);
  }
}

function client() {
  const workers: FakeWorker[] = [];
  const studio = new StudioClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  }, null);
  const last = () => workers.at(-1) as FakeWorker;
  const sent = () => last().posted.at(-1) as Command;
  return { studio, workers, last, sent };
}

describe('StudioClient.request', () => {
  it('numbers each command and settles it by the answer with its id', async () => {
    const c = client();
    // 'init' went out first, with an id of its own.
    expect(c.last().posted[0]).toMatchObject({ scope: 'system', type: 'init', id: 1 });
    const listing = c.studio.request({ scope: 'training', type: 'list-runs' });
    const listed = c.sent();
    const saving = c.studio.request({ scope: 'export', type: 'save', name: 'm', threshold: 0.5 });
    const saved = c.sent();
    expect(saved.id).not.toBe(listed.id);
    expect(c.studio.waiting).toBe(2);
    c.last().answer({ scope: 'system', type: 'failed', id: saved.id, message: 'quota full' });
    c.last().answer({ scope: 'system', type: 'done', id: listed.id });
    await expect(listing).resolves.toBeUndefined();
    await expect(saving).rejects.toThrow('quota full');
    expect(c.studio.waiting).toBe(0);
  });

  it('an aborted signal cancels the command in the worker', async () => {
    const c = client();
    const controller = new AbortController();
    const loading = c.studio.request(
      { scope: 'model', type: 'load-weights-url', url: 'https://example.test/w.h5' },
      { signal: controller.signal },
    );
    const load = c.sent();
    controller.abort(new Error('changed my mind'));
    await expect(loading).rejects.toThrow('changed my mind');
    expect(c.sent()).toMatchObject({ scope: 'system', type: 'cancel', target: load.id });
    expect(c.studio.waiting).toBe(0);
  });

  it('a crash fails every request in flight and starts a new worker', async () => {
    const c = client();
    const training = c.studio.request({ scope: 'training', type: 'list-runs' });
    c.last().crash();
    await expect(training).rejects.toThrow('The training worker crashed: out of memory');
    expect(c.workers).toHaveLength(2);
    expect(c.workers[0]?.terminated).toBe(true);
  });

  it('actions resolve true when done and false when failed', async () => {
    const c = client();
    const actions = studioActions(c.studio);
    const evaluating = actions.evaluation.evaluate();
    expect(c.sent()).toMatchObject({ scope: 'evaluation', type: 'evaluate' });
    c.last().answer({ scope: 'system', type: 'done', id: c.sent().id });
    const deleting = actions.export.deleteSaved('m');
    c.last().answer({ scope: 'system', type: 'failed', id: c.sent().id, message: 'no' });
    expect([await evaluating, await deleting]).toEqual([true, false]);
  });
});

describe('StudioClient notifications', () => {
  it("the page's own changes are urgent; worker events come once a frame and are not", () => {
    const c = client();
    const heard: boolean[] = [];
    c.studio.subscribe((urgent) => heard.push(urgent));
    c.studio.update((s) => ({ ...s }));
    expect(heard).toEqual([true]);
    c.last().answer({ scope: 'system', type: 'error', message: 'a', context: 'worker' });
    c.last().answer({ scope: 'system', type: 'error', message: 'b', context: 'worker' });
    // Node has no frames: the fallback timer delivers the burst as one notification.
    return new Promise<void>((done) =>
      setTimeout(() => {
        expect(heard).toEqual([true, false]);
        done();
      }, 150),
    );
  });
});
