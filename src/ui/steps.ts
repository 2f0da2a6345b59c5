export const STEPS = [
  { id: 'dataset', title: 'Dataset' },
  { id: 'model', title: 'Model' },
  { id: 'training', title: 'Train' },
  { id: 'evaluation', title: 'Evaluate' },
  { id: 'runs', title: 'Runs' },
  { id: 'export', title: 'Export' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
