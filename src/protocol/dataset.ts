export type DatasetCommand = { scope: 'dataset'; type: 'load'; files: File[] };
export type DatasetEvent = { scope: 'dataset'; type: 'loading'; fileNames: string[] };
