import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { servedAsBuilt } from '../../vite.config.ts';

async function served(plugins: ReturnType<typeof servedAsBuilt>[]) {
  const root = mkdtempSync(join(tmpdir(), 'preview-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'dist', 'big.js'), `export const text = '${'x'.repeat(100_000)}';`);
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins,
    preview: { port: 0, host: '127.0.0.1' },
  });
  try {
    const url = server.resolvedUrls?.local[0] ?? '';
    const response = await fetch(`${url}big.js`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    await response.arrayBuffer();
    return response.headers.get('content-encoding');
  } finally {
    await server.close();
  }
}

describe('servedAsBuilt', () => {
  it('the preview server sends scripts as built, where plain Vite gzips each request', async () => {
    expect(await served([])).toBe('gzip');
    expect(await served([servedAsBuilt()])).toBeNull();
  });
});
