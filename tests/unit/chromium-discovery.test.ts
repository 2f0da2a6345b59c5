import { describe, expect, it } from 'vitest';
import {
  type ChromiumDeps,
  ensureChromium,
  findChromium,
  noChromiumMessage,
} from '../../scripts/chromium.mjs';

/** A machine with only `present` on disk; spawned commands are recorded and may add files. */
function machine(
  platform: string,
  present: string[],
  options: { env?: Record<string, string>; root?: boolean; installs?: Record<string, string> } = {},
) {
  const files = new Set(present);
  const spawned: string[] = [];
  const deps: ChromiumDeps = {
    env: options.env ?? {},
    platform,
    exists: (path) => files.has(path),
    playwrightPath: async () => '/home/me/.cache/ms-playwright/chromium/chrome',
    isRoot: options.root ?? false,
    spawn: (command, args) => {
      const line = [command, ...args].join(' ');
      spawned.push(line);
      const file = options.installs?.[line];
      if (file === undefined) return { status: 1 };
      if (file !== '') files.add(file);
      return { status: 0 };
    },
    log: () => {},
  };
  return { deps, spawned };
}

describe('finding a browser for the e2e tests', () => {
  it('takes CHROME_PATH first', async () => {
    const { deps } = machine('linux', ['/opt/my/chrome', '/usr/bin/chromium'], {
      env: { CHROME_PATH: '/opt/my/chrome' },
    });
    expect(await findChromium(deps)).toBe('/opt/my/chrome');
  });

  it.each([
    ['linux', '/usr/bin/google-chrome-stable', {}],
    ['linux', '/snap/bin/chromium', {}],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', {}],
    [
      'darwin',
      '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium',
      { HOME: '/Users/me' },
    ],
    [
      'win32',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' },
    ],
    [
      'win32',
      'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' },
    ],
  ])('finds an installed browser on %s at %s', async (platform, path, env) => {
    const { deps, spawned } = machine(platform, [path], { env });
    expect(await ensureChromium(deps)).toMatchObject({ path });
    expect(spawned).toEqual([]);
  });

  it("installs Playwright's Chromium when no browser is installed", async () => {
    const pw = '/home/me/.cache/ms-playwright/chromium/chrome';
    const { deps, spawned } = machine('darwin', [], {
      installs: { 'npx playwright install chromium': pw },
    });
    expect((await ensureChromium(deps)).path).toBe(pw);
    expect(spawned).toEqual(['npx playwright install chromium']);
  });

  it("falls back to Debian's package as root when the download fails", async () => {
    const { deps, spawned } = machine('linux', ['/usr/bin/apt-get'], {
      root: true,
      installs: { 'apt-get update': '', 'apt-get install -y chromium': '/usr/bin/chromium' },
    });
    expect((await ensureChromium(deps)).path).toBe('/usr/bin/chromium');
    expect(spawned).toEqual([
      'npx playwright install chromium',
      'apt-get update',
      'apt-get install -y chromium',
    ]);
  });

  it('says exactly what it tried when nothing works', async () => {
    const { deps, spawned } = machine('linux', ['/usr/bin/apt-get'], { root: false });
    const result = await ensureChromium(deps);
    expect(result.path).toBeNull();
    expect(spawned).toEqual(['npx playwright install chromium']);
    const message = noChromiumMessage(result.tried);
    expect(message).toContain('CHROME_PATH (not set)');
    expect(message).toContain('/usr/bin/chromium, /usr/bin/chromium-browser');
    expect(message).toContain(
      'npx playwright install chromium (failed with status 1: no network?)',
    );
    expect(message).toContain('not root: run sudo apt-get install -y chromium');
  });

  it('runs npx.cmd on Windows', async () => {
    const { deps, spawned } = machine('win32', [], { env: {} });
    await ensureChromium(deps);
    expect(spawned[0]).toBe('npx.cmd playwright install chromium');
    expect(spawned).toHaveLength(1);
  });
});
