import type { Confusion } from '../../core/evaluation/metrics.ts';

/** Rows are the actual class, columns the predicted one. */
export function ConfusionMatrix({
  confusion,
  classNames,
}: {
  confusion: Confusion;
  classNames: [string, string];
}) {
  return (
    <table aria-label="Confusion matrix" className="confusion">
      <thead>
        <tr>
          <td />
          {classNames.map((name) => (
            <th key={name} scope="col" className="num">
              predicted {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, actual) => (
          <tr key={classNames[actual]}>
            <th scope="row">actual {classNames[actual]}</th>
            {row.map((count, predicted) => (
              <td
                key={classNames[predicted]}
                className={`num ${actual === predicted ? 'correct' : 'wrong'}`}
              >
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
