import { Step } from '../../app/Step.tsx';

export function TrainingStep() {
  return <Step id="train" intro="Train the head on the frozen base, then fine-tune." />;
}
