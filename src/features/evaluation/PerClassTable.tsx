import type { ClassMetrics } from '../../domain/training.ts';

/** Precision, recall and F1 per class, as sklearn's classification_report. */
export function PerClassTable({ metrics }: { metrics: ClassMetrics[] }) {
  return (
    <table aria-label="Per-class metrics">
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col" className="num">
            Precision
          </th>
          <th scope="col" className="num">
            Recall
          </th>
          <th scope="col" className="num">
            F1
          </th>
          <th scope="col" className="num">
            Support
          </th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m) => (
          <tr key={m.className}>
            <th scope="row">{m.className}</th>
            <td className="num">{m.precision.toFixed(3)}</td>
            <td className="num">{m.recall.toFixed(3)}</td>
            <td className="num">{m.f1.toFixed(3)}</td>
            <td className="num">{m.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
