import { Step } from '../../app/Step.tsx';

export function ExportStep() {
  return <Step id="export" intro="Save the model in this browser or download it as a zip." />;
}
