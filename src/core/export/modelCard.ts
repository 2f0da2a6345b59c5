import type { ModelCard, ModelMetadata } from '../../domain/export.ts';

type CardInput = Pick<
  ModelMetadata,
  'classNames' | 'inputSize' | 'baseWeights' | 'dataset' | 'test' | 'threshold'
>;

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * A short model card in the spirit of Mitchell et al. (2019): where the data
 * came from, what the model is for, and what its labels cannot say.
 */
export function modelCard(input: CardInput): ModelCard {
  const [c0, c1] = input.classNames;
  const base =
    input.baseWeights === 'imagenet'
      ? 'VGG16 with ImageNet weights'
      : 'VGG16 with RANDOM base weights (no ImageNet weights were loaded)';
  const test = input.test
    ? `Test accuracy ${percent(input.test.accuracy)} on ${input.test.count} held-out images (AUC ${input.test.auc.toFixed(3)}, threshold ${input.test.threshold.toFixed(2)}).`
    : 'Not evaluated on a test set.';
  const data = input.dataset
    ? input.dataset.synthetic
      ? `The studio's synthetic demo dataset (drawn faces, not photographs): ${input.dataset.splits.train} training, ${input.dataset.splits.validation} validation and ${input.dataset.splits.test} test images. Numbers on it say nothing about real faces.`
      : `CelebA-format face crops labelled by the "${input.dataset.labelColumn}" column: ${input.dataset.splits.train} training, ${input.dataset.splits.validation} validation and ${input.dataset.splits.test} test images. CelebA holds about 200,000 aligned celebrity photos with 40 binary attributes.`
    : 'The training data is not recorded with this model.';
  return {
    summary: `Binary image classifier (${c0} / ${c1}): ${base} and a small dense head, trained by transfer learning on ${input.inputSize}×${input.inputSize} face crops. Outputs p(${c1}). ${test}`,
    data,
    intendedUse:
      'Teaching and experimentation with transfer learning: studying training curves, evaluation and model export. Not for decisions about people.',
    limitations: [
      `CelebA's "Male" attribute is a binary label assigned by annotators from appearance; it is not anyone's gender identity, it has no place for non-binary people, and the model only learns to reproduce those annotations.`,
      'CelebA is celebrities: skewed in age, skin tone, make-up, pose and photo quality toward red-carpet pictures. Accuracy on other people, cameras or crops will differ and may differ by group.',
      `Expects aligned, centred face crops like CelebA's img_align_celeba; other images give meaningless outputs that still look confident.`,
      'Inferring gender from a face can harm people (misgendering, surveillance). Do not use it to classify people without their consent.',
    ],
  };
}
