// `npm run bench`: the bench is TypeScript that drives the engine, so Vite's
// runner loads it (see run-ts.mjs); arguments pass through (--minutes, --software).
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  process.execPath,
  ['scripts/run-ts.mjs', 'scripts/bench.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
