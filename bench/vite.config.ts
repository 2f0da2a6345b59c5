import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vite';
import app from '../vite.config.ts';

/** The bench page: the app's build settings (WASM assets, worker plugins), its own entry. */
export default mergeConfig(
  app,
  defineConfig({
    root: resolve(import.meta.dirname, 'web'),
    build: {
      outDir: resolve(import.meta.dirname, '../.dist-bench'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'web/index.html') },
    },
  }),
);
