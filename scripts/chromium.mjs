import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Flags every headless Chromium run of this project uses. */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Lets WebGPU run on the SwiftShader software adapter, for machines without a GPU. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
];

/** Where Chrome, Chromium and Edge install themselves, per operating system. */
export function browserPaths(platform, env) {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => `${root}/${app}`));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((root) => exes.map((exe) => `${root}\\${exe}`));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
  ];
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return null;
  }
}

const defaults = () => ({
  env: process.env,
  platform: process.platform,
  exists: existsSync,
  playwrightPath: playwrightChromium,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  spawn: (command, args) =>
    spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }),
  log: (line) => console.error(line),
});

/** CHROME_PATH, then an installed Chrome, Chromium or Edge, then a browser Playwright downloaded. */
export async function findChromium(deps = {}) {
  const { env, platform, exists, playwrightPath } = { ...defaults(), ...deps };
  const candidates = [env.CHROME_PATH, ...browserPaths(platform, env)];
  for (const path of candidates) {
    if (path && exists(path)) return path;
  }
  const downloaded = await playwrightPath();
  return downloaded && exists(downloaded) ? downloaded : null;
}

/**
 * A browser for the e2e tests, installing one when none is found: Playwright's
 * Chromium where the network allows, else Debian's package when running as
 * root. `tried` lists every step, for the message when all of them fail.
 */
export async function ensureChromium(deps = {}) {
  const d = { ...defaults(), ...deps };
  const tried = [
    `CHROME_PATH (${d.env.CHROME_PATH ? d.env.CHROME_PATH : 'not set'})`,
    `the usual places: ${browserPaths(d.platform, d.env).join(', ')}`,
    'a browser Playwright downloaded before',
  ];
  const found = await findChromium(d);
  if (found) return { path: found, tried };

  d.log(
    "No Chrome, Chromium or Edge found: installing Playwright's Chromium (npx playwright install chromium)…",
  );
  const npx = d.platform === 'win32' ? 'npx.cmd' : 'npx';
  const installed = d.spawn(npx, ['playwright', 'install', 'chromium']);
  const afterInstall = installed.status === 0 ? await findChromium(d) : null;
  tried.push(
    `npx playwright install chromium (${installed.status === 0 ? 'installed, but no browser appeared' : `failed with status ${installed.status ?? 'none'}: no network?`})`,
  );
  if (afterInstall) return { path: afterInstall, tried };

  if (d.platform === 'linux' && d.isRoot && d.exists('/usr/bin/apt-get')) {
    d.log("Installing Debian's chromium package (apt-get install -y chromium)…");
    const update = d.spawn('apt-get', ['update']);
    const apt = update.status === 0 ? d.spawn('apt-get', ['install', '-y', 'chromium']) : update;
    const afterApt = apt.status === 0 ? await findChromium(d) : null;
    tried.push(
      `apt-get install -y chromium (${apt.status === 0 ? 'installed' : `failed with status ${apt.status ?? 'none'}`})`,
    );
    if (afterApt) return { path: afterApt, tried };
  } else {
    tried.push(
      d.platform !== 'linux'
        ? "Debian's chromium package (not Linux)"
        : !d.isRoot
          ? "Debian's chromium package (not root: run sudo apt-get install -y chromium)"
          : "Debian's chromium package (no apt-get)",
    );
  }
  return { path: null, tried };
}

/** What `npm test` says when it found and installed no browser. */
export function noChromiumMessage(tried) {
  return [
    'No Chromium-based browser for the e2e tests. Tried:',
    ...tried.map((step) => `  - ${step}`),
    'Install Chrome, Chromium or Edge, or set CHROME_PATH to one; `npm test unit` runs the unit tests alone.',
  ].join('\n');
}
