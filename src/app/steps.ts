export const STEPS = [
  { id: 'dataset', title: 'Dataset' },
  { id: 'model', title: 'Model' },
  { id: 'train', title: 'Train' },
  { id: 'evaluate', title: 'Evaluate' },
  { id: 'export', title: 'Export' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
