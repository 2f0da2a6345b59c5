import { Step } from '../../app/Step.tsx';

export function EvaluationStep() {
  return (
    <Step
      id="evaluate"
      intro="Test accuracy, confusion matrix, ROC curve and the images the model got wrong."
    />
  );
}
