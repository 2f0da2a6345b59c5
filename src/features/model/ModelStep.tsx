import { Step } from '../../app/Step.tsx';

export function ModelStep() {
  return <Step id="model" intro="VGG16 without its top, frozen, with a new classification head." />;
}
