export type ExportCommand = never;
export type ExportEvent = never;
