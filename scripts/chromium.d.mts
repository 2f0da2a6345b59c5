export declare const BASE_FLAGS: string[];
export declare const WEBGPU_FLAGS: string[];
export declare function findChromium(): Promise<string | null>;
export declare const NO_CHROMIUM_MESSAGE: string;
