import { OFFICIAL_WEIGHTS_FILE } from '../../domain/model.ts';

/**
 * The absolute URL of the official weights file when this site serves it
 * (the build saw it in public/ after `npm run fetch-weights`), else null.
 * Absolute, because the worker resolves relative URLs against its own script.
 */
export function localWeightsUrl(): string | null {
  return import.meta.env.VITE_LOCAL_WEIGHTS
    ? new URL(OFFICIAL_WEIGHTS_FILE, document.baseURI).href
    : null;
}
