import { useEffect, useState } from 'react';
import { OFFICIAL_WEIGHTS_FILE } from '../../protocol/model.ts';

/**
 * The absolute URL of the official weights file when this site serves it
 * (after `npm run fetch-weights`), else null. A missing file would come back
 * as the app's own HTML, so the content type is checked too.
 */
export function useLocalWeights(): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const target = new URL(OFFICIAL_WEIGHTS_FILE, document.baseURI).href;
    const controller = new AbortController();
    fetch(target, {
      method: 'HEAD',
      headers: { Accept: 'application/octet-stream' },
      signal: controller.signal,
    })
      .then((response) => {
        const type = response.headers.get('content-type') ?? '';
        if (response.ok && !type.includes('text/html')) setUrl(target);
      })
      .catch(() => {
        // Not served here: the file input and the URL field remain.
      });
    return () => controller.abort();
  }, []);
  return url;
}
