export type ExportCommand = { scope: 'export'; type: 'list-saved' };
export type ExportEvent = { scope: 'export'; type: 'saved-list'; names: string[] };
