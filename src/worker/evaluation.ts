import { evaluationReports } from './reports.ts';
import type { Session } from './session.ts';

/** "Evaluate on test set": the model in use, trained here or loaded, on the dataset's test split. */
export async function evaluate(session: Session): Promise<void> {
  const { post, inUse, data, platform } = session;
  const reports = evaluationReports(post, session.reportSkipped);
  const results = await inUse.evaluate('in-use', data.dataset, platform.decoder, reports);
  if (results) post({ scope: 'evaluation', type: 'results', results });
}
