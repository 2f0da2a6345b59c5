// The parts of jsfive (a pure-JS HDF5 reader without its own types) that the weights reader uses.
declare module 'jsfive' {
  export class Group {
    readonly name: string;
    readonly keys: string[];
    readonly attrs: Record<string, unknown>;
    /** Throws a string, not an Error, when the path is missing. */
    get(path: string): Group | Dataset | null;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
  export class Dataset {
    readonly name: string;
    readonly shape: number[];
    /** A numpy-like string such as "<f4", or an array for compound and string types. */
    readonly dtype: unknown;
    readonly attrs: Record<string, unknown>;
    readonly value: unknown;
  }
}
