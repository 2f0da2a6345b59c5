// Downloads Keras's official VGG16 ImageNet weights (no top) into public/, so the
// studio loads them from its own origin: Model step → "Load weights from this site".
// The MD5 is the one Keras's own loader checks (keras.applications.vgg16).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5';
const URL = `https://storage.googleapis.com/tensorflow/keras-applications/vgg16/${FILE}`;
const MD5 = '6d6bbae143d832006294945121d1f1fc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public', FILE);
const partial = `${target}.part`;

function md5(bytes) {
  return createHash('md5').update(bytes).digest('hex');
}

function fail(message) {
  console.error(`fetch-weights: ${message}`);
  process.exit(1);
}

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`${target} is already there (use --force to download it again).`);
  process.exit(0);
}

console.log(`Downloading ${URL}`);
let response;
try {
  response = await fetch(URL);
} catch (error) {
  const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
  fail(
    `could not reach storage.googleapis.com (${cause}). This machine may be offline or behind a proxy.\n` +
      `Download ${URL}\nby other means and put it at ${target}, or choose it in the studio under "VGG16 weights file".`,
  );
}
if (!response.ok || !response.body) {
  fail(`the server answered ${response.status} ${response.statusText} for ${URL}`);
}

const total = Number(response.headers.get('content-length')) || null;
const chunks = [];
let loaded = 0;
let lastShown = 0;
try {
  for await (const chunk of response.body) {
    chunks.push(chunk);
    loaded += chunk.byteLength;
    if (process.stdout.isTTY && Date.now() - lastShown > 200) {
      lastShown = Date.now();
      const pct = total ? ` (${((100 * loaded) / total).toFixed(0)}%)` : '';
      process.stdout.write(`\r${(loaded / 1e6).toFixed(1)} MB${pct}   `);
    }
  }
} catch (error) {
  fail(`the download broke off after ${(loaded / 1e6).toFixed(1)} MB: ${error?.message ?? error}`);
}
if (process.stdout.isTTY) process.stdout.write('\n');

const bytes = Buffer.concat(chunks);
const sum = md5(bytes);
if (sum !== MD5) {
  fail(`the file's MD5 is ${sum}, Keras expects ${MD5}: not saved. Try again.`);
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(partial, bytes);
rmSync(target, { force: true });
renameSync(partial, target);
console.log(`Saved ${(bytes.byteLength / 1e6).toFixed(1)} MB to ${target} (MD5 verified).`);
console.log(
  'Rebuild (npm run build or npm start) so the app serves it; then use "Load weights from this site".',
);
