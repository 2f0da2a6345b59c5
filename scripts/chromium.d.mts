export declare const BASE_FLAGS: string[];
export declare const WEBGPU_FLAGS: string[];

export interface ChromiumDeps {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (path: string) => boolean;
  playwrightPath?: () => Promise<string | null>;
  isRoot?: boolean;
  spawn?: (command: string, args: string[]) => { status: number | null };
  log?: (line: string) => void;
}

export declare function browserPaths(
  platform: string,
  env: Record<string, string | undefined>,
): string[];
export declare function findChromium(deps?: ChromiumDeps): Promise<string | null>;
export declare function ensureChromium(
  deps?: ChromiumDeps,
): Promise<{ path: string | null; tried: string[] }>;
export declare function noChromiumMessage(tried: string[]): string;
