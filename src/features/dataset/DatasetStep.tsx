import { Step } from '../../app/Step.tsx';

export function DatasetStep() {
  return (
    <Step
      id="dataset"
      intro="Drop the CelebA image zip and its attribute CSV, or start with the demo dataset."
    />
  );
}
