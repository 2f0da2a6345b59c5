export type TrainingCommand = { scope: 'training'; type: 'stop' };
export type TrainingEvent = { scope: 'training'; type: 'stopped' };
