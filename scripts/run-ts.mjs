// Node 20 cannot run TypeScript by itself; Vite's module runner loads the
// script and the engine modules it imports (src/core is TypeScript too).
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
const { module } = await runnerImport(pathToFileURL(script).href, {
  configFile: false,
  logLevel: 'warn',
});
if (typeof module.main !== 'function') {
  console.error(`${script} exports no main(args)`);
  process.exit(2);
}
await module.main(args);
