export const RANDOM_WEIGHTS_WARNING =
  'random weights: expect far lower accuracy than ImageNet transfer';
export const SYNTHETIC_DATA_MARK = 'synthetic demo data';

/** Shown wherever results are: numbers from random weights or synthetic images mean little. */
export function ResultWarnings({
  randomWeights,
  synthetic,
}: {
  randomWeights: boolean;
  synthetic: boolean;
}) {
  return (
    <>
      {randomWeights && (
        <p className="warning" role="note">
          {RANDOM_WEIGHTS_WARNING}
        </p>
      )}
      {synthetic && (
        <p className="warning" role="note">
          {SYNTHETIC_DATA_MARK}
        </p>
      )}
    </>
  );
}
