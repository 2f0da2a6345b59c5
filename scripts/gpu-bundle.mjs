// `npm run bench:gpu-bundle`: bench/gpu-bundle/, everything the WebGPU bench needs on an
// offline Linux x64 GPU machine with no Node and no network (see README, "On a GPU").
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';

const OUT = 'bench/gpu-bundle';
/** The Vulkan loader and the GLVND libraries Dawn loads, as Debian packages. */
const DEBS = ['libvulkan1', 'libglvnd0', 'libgl1', 'libglx0', 'libegl1', 'libgles2', 'libopengl0'];
const LIMIT_BYTES = 60 * 1024 * 1024;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'debs'), { recursive: true });

// 1. The bench in one file. 'webgpu' stays outside: it loads dawn.node from beside itself.
const bundle = await rolldown({
  input: 'bench/gpu/main.ts',
  platform: 'node',
  external: ['webgpu'],
  logLevel: 'warn',
});
await bundle.write({ file: join(OUT, 'bench.mjs'), format: 'esm', codeSplitting: false });
await bundle.close();

// 2. The webgpu package's loader, and Dawn and Node compressed.
const pkg = join(OUT, 'node_modules/webgpu');
mkdirSync(join(pkg, 'dist/linux-x64'), { recursive: true });
for (const f of ['index.js', 'package.json'])
  copyFileSync(join('node_modules/webgpu', f), join(pkg, f));
const xz = (from, to) =>
  writeFileSync(to, execFileSync('xz', ['-9', '-T0', '-c', from], { maxBuffer: 1 << 30 }));
xz('node_modules/webgpu/dist/linux-x64/dawn.node', join(pkg, 'dist/linux-x64/dawn.node.xz'));
xz(process.execPath, join(OUT, 'node.xz'));
// The bundled bench imports 'webgpu' and its 'debug' dependency is not needed by index.js.

// 3. PyTorch's side of the comparison, and the Vulkan packages.
copyFileSync('bench/torch_vgg16.py', join(OUT, 'torch_vgg16.py'));
execFileSync('apt-get', ['download', ...DEBS], { cwd: join(OUT, 'debs'), stdio: 'inherit' });

writeFileSync(
  join(OUT, 'run.sh'),
  `#!/bin/sh
# Runs the WebGPU bench (and PyTorch's, where python3 imports torch) and writes OUTDIR.
#   sh run.sh OUTDIR [--minutes 8]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "\${1:-results}" && cd "\${1:-results}" && pwd)
[ $# -gt 0 ] && shift
work="\${TMPDIR:-/tmp}/celeba-gpu-bench"
mkdir -p "$work/root" "$work/node_modules/webgpu/dist/linux-x64"
[ -x "$work/node" ] || xz -dc "$here/node.xz" > "$work/node"
chmod +x "$work/node"
cp "$here/node_modules/webgpu/index.js" "$here/node_modules/webgpu/package.json" "$work/node_modules/webgpu/"
[ -f "$work/node_modules/webgpu/dist/linux-x64/dawn.node" ] ||
  xz -dc "$here/node_modules/webgpu/dist/linux-x64/dawn.node.xz" > "$work/node_modules/webgpu/dist/linux-x64/dawn.node"
cp "$here/bench.mjs" "$work/bench.mjs"
# Vulkan loader and GLVND, unpacked beside the bench (no root, no apt).
for deb in "$here"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root" 2>/dev/null || (cd "$work/root" && ar p "$deb" data.tar.xz | tar xJ); done
export LD_LIBRARY_PATH="$work/root/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# NVIDIA's container runtime mounts the driver's Vulkan ICD here.
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  if [ -z "\${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd"; fi
done
export VK_ICD_FILENAMES="\${VK_DRIVER_FILES:-}"
[ -n "$VK_ICD_FILENAMES" ] || unset VK_ICD_FILENAMES
export XDG_RUNTIME_DIR="\${XDG_RUNTIME_DIR:-$work/xdg}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
echo "Vulkan driver: \${VK_DRIVER_FILES:-the loader's default search}"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
(cd "$work" && ./node bench.mjs "$out" "$@") 2>&1 | tee "$out/webgpu.log"
for py in python3 /usr/bin/python3; do
  if $py -c 'import torch' 2>/dev/null; then
    $py "$here/torch_vgg16.py" --out "$out/torch.json" --budget 240 2>&1 | tee "$out/torch.log"
    break
  fi
done
echo "Results in $out"
`,
  { mode: 0o755 },
);

let total = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path);
    else total += st.size;
  }
};
walk(OUT);
console.log(`${OUT}: ${(total / 1048576).toFixed(1)} MB (limit ${LIMIT_BYTES / 1048576} MB)`);
if (total > LIMIT_BYTES) {
  console.error('The bundle is over its size limit.');
  process.exit(1);
}
