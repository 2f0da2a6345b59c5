import { defineConfig } from '@playwright/test';
import { BASE_FLAGS, findChromium, WEBGPU_FLAGS } from './scripts/chromium.mjs';

const executablePath = (await findChromium()) ?? undefined;
const port = Number(process.env.STUDIO_PORT ?? 4173);
/** The built app to serve; separate folders let several checkouts test at once. */
const dist = process.env.STUDIO_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  outputDir: dist === 'dist' ? 'test-results' : `test-results/${dist.replace(/^\./, '')}`,
  reporter: [['list']],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: BASE_FLAGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'wasm', testIgnore: /webgpu\.spec\.ts/ },
    {
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...BASE_FLAGS, ...WEBGPU_FLAGS] } },
    },
  ],
});
