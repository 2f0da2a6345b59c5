// Runs every test: unit tests (vitest, Node) and e2e tests (Playwright, the built page in
// headless Chromium), then prints one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, noChromiumMessage } from './chromium.mjs';

const outDir = '.test-output';
const only = process.argv[2]; // "unit" or "e2e" to run one runner

let chromium = null;
if (only !== 'unit') {
  const found = await ensureChromium();
  if (!found.path) {
    console.error(noChromiumMessage(found.tried));
    process.exit(1);
  }
  chromium = found.path;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** The tests Playwright reports as flaky (failed, then passed on a retry), by file and title. */
function flakyTitles(suites, path = []) {
  const titles = [];
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      if (spec.tests?.some((t) => t.status === 'flaky'))
        titles.push([...here, spec.title].join(' › '));
    }
    titles.push(...flakyTitles(suite.suites ?? [], here));
  }
  return titles;
}

let passed = 0;
let failed = 0;
let crashed = false;

if (only !== 'e2e') {
  const vitestJson = `${outDir}/vitest.json`;
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${vitestJson}`,
  ]);
  const report = readJson(vitestJson);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (status !== 0 && report.numFailedTests === 0) crashed = true;
  } else {
    crashed = true;
  }
}

if (only !== 'unit') {
  const dist = process.env.STUDIO_DIST ?? 'dist';
  if (run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist]) !== 0) {
    console.error('vite build failed: the e2e tests did not run.');
    crashed = true;
  } else {
    const playwrightJson = `${outDir}/playwright.json`;
    const status = run('npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      CHROME_PATH: chromium,
    });
    const report = readJson(playwrightJson);
    if (report?.stats) {
      for (const title of flakyTitles(report.suites ?? [])) {
        console.log(`passed on a retry: ${title}`);
      }
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
      if (status !== 0 && report.stats.unexpected === 0) crashed = true;
    } else {
      crashed = true;
    }
  }
}

if (crashed) failed = Math.max(failed, 1);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
