export type TrainingCommand = never;
export type TrainingEvent = never;
