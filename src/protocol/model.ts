export type ModelCommand = never;
export type ModelEvent = never;
