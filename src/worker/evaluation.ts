import type { Session } from './session.ts';

/** "Evaluate on test set": the model in use, trained here or loaded, on the dataset's test split. */
export async function evaluate(session: Session): Promise<void> {
  const post = session.post;
  const results = await session.inUse.evaluate(
    'in-use',
    session.data.dataset,
    session.platform.decoder,
    {
      status: (message) =>
        post({ scope: 'training', type: 'status', status: 'preparing', message }),
      notice: (message) => post({ scope: 'training', type: 'notice', message }),
      skipped: (entries) => {
        const examples = entries.map((e) => `${e.name}: ${e.reason}`);
        post({ scope: 'training', type: 'skipped', count: entries.length, examples });
        session.reportSkipped(entries);
      },
    },
  );
  if (results) post({ scope: 'training', type: 'test-results', results });
  post({ scope: 'training', type: 'status', status: 'finished', message: null });
}
