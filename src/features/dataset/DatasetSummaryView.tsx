import {
  type DatasetSummary,
  foundImagesLine,
  type LimitRule,
  type SplitName,
} from '../../domain/dataset.ts';

const SPLIT_TITLES: Record<SplitName, string> = {
  train: 'Train',
  validation: 'Validation',
  test: 'Test',
};

/** Which images "Limit images" kept, in one sentence. */
export function limitRuleText(rule: LimitRule, seed: number): string {
  return rule.kind === 'partition-share'
    ? `Limited to ${rule.limit} of the ${rule.of} partitioned images: each split keeps its share of the partition, stratified by class, drawn with seed ${seed}.`
    : `Limited to the first ${rule.limit} of ${rule.of} rows, then split with seed ${seed}, stratified by class.`;
}

/** Keras's "Found N validated image filenames" lines, class counts, then every problem. */
export function DatasetSummaryView({ summary }: { summary: DatasetSummary }) {
  const [c0, c1] = summary.mapping.classNames;
  return (
    <div role="status" aria-label="Dataset summary">
      {summary.synthetic && (
        <p className="warning">
          <strong>Synthetic demo data</strong>: drawn faces in CelebA's layout, not real photos.
        </p>
      )}
      <p className="intro">
        {summary.labelFile.name} ({summary.labelFile.rows} rows, read as{' '}
        {summary.labelFile.encoding}) and {summary.zipFile.name} ({summary.zipFile.images} images
        {summary.zipFile.nameEncoding === 'ASCII'
          ? ''
          : `, names read as ${summary.zipFile.nameEncoding}`}
        ), indexed in {(summary.indexMillis / 1000).toFixed(1)} s. Split{' '}
        {summary.splitSource === 'partition-file'
          ? `from ${summary.partitionFile}`
          : `seeded (seed ${summary.options.seed})`}
        .
      </p>
      {summary.limitRule && (
        <p className="intro">{limitRuleText(summary.limitRule, summary.options.seed)}</p>
      )}
      <ul className="found-lines">
        {summary.splits.map((s) => (
          <li key={s.name} className="mono">
            {SPLIT_TITLES[s.name]}: {foundImagesLine(s.count)}
          </li>
        ))}
      </ul>
      <table aria-label="Class counts">
        <thead>
          <tr>
            <th>Split</th>
            <th className="num">{c0}</th>
            <th className="num">{c1}</th>
            <th className="num">total</th>
          </tr>
        </thead>
        <tbody>
          {summary.splits.map((s) => (
            <tr key={s.name}>
              <td>{SPLIT_TITLES[s.name]}</td>
              <td className="num">{s.classCounts[0]}</td>
              <td className="num">{s.classCounts[1]}</td>
              <td className="num">{s.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.problems.length > 0 ? (
        <>
          <h3>Problems</h3>
          <ul aria-label="Dataset problems">
            {summary.problems.map((p) => (
              <li key={`${p.kind}-${p.message}`}>
                <strong>{p.count}</strong> · {p.message}
                {p.examples.length > 0 && (
                  <span className="mono"> First: {p.examples.join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No problems found.</p>
      )}
    </div>
  );
}
