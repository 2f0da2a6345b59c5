import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer). */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Writes a JSON file into dist: which source modules each chunk holds, and
 * which chunks the page loads up front. The test suite reads it to prove that
 * no tfjs module reaches the main-thread bundle. Each worker bundle names its
 * file after its entry (`worker-chunk-modules.json` for the studio's worker).
 */
function chunkModulesReport(fileName: (entry: string) => string): Plugin {
  return {
    name: 'chunk-modules-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<
        string,
        { isEntry: boolean; imports: string[]; dynamicImports: string[]; modules: string[] }
      > = {};
      let entry = '';
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        if (output.isEntry) entry = output.name;
        chunks[file] = {
          isEntry: output.isEntry,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          modules: Object.keys(output.modules),
        };
      }
      this.emitFile({
        type: 'asset',
        fileName: fileName(entry),
        source: JSON.stringify(chunks, null, 1),
      });
    },
  };
}

/**
 * tfjs's threaded WASM build starts its pthread workers from
 * `factory.toString()`. The factory reads `_scriptDir` from an enclosing
 * closure, which a minifier renames, so the workers die with
 * "e is not defined". Declaring it inside the factory keeps the source
 * self-contained.
 */
function selfContainedWasmFactory(): Plugin {
  const header =
    /var _scriptDir = (typeof document[^\n]*);\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;\n\s*return \(\nfunction\((WasmBackendModule\w*)\) \{\n/;
  return {
    name: 'self-contained-wasm-factory',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\w-]*\.js$/.test(id) || !id.includes('wasm-out')) return null;
      if (!header.test(code)) return null;
      return code.replace(
        header,
        (_m, scriptDir: string, name: string) =>
          `return (\nfunction(${name}) {\n  var _scriptDir = ${scriptDir};\n`,
      );
    },
  };
}

/**
 * tfjs's threaded WASM build starts 8 pthread workers up front, whatever the
 * machine, while it uses one thread per core. On a 2-core laptop the six
 * spare workers each load and instantiate the module as the page starts,
 * competing with it for the cores. The pool starts one worker per core
 * (at most 8, as before); a thread beyond the pool still gets a worker when
 * it is created. The build fails if the line is not found, so an upgrade of
 * tfjs cannot drop this silently.
 */
export function wasmThreadPoolPerCore(): Plugin {
  const line = 'var pthreadPoolSize=8;';
  return {
    name: 'wasm-thread-pool-per-core',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id) || !id.includes('wasm-out')) return null;
      if (!code.includes(line)) {
        throw new Error(`${id}: tfjs's pthread pool line "${line}" was not found`);
      }
      return code.replace(
        line,
        'var pthreadPoolSize=Math.min(8,Math.max(1,(typeof navigator!=="undefined"&&navigator.hardwareConcurrency)||1));',
      );
    },
  };
}

/**
 * The preview server (the e2e suite's and the bench's) serves files as they
 * were built. Vite's preview gzips scripts on every request; on a 2-core
 * machine that is the same cores the page starts on, compressing the
 * worker's 2.8 MB script as the page needs them, which a static host (files
 * compressed once, served from elsewhere) never costs the page.
 */
export function servedAsBuilt(): Plugin {
  return {
    name: 'served-as-built',
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        delete req.headers['accept-encoding'];
        next();
      });
    },
  };
}

/**
 * Whether `npm run fetch-weights` put Keras's VGG16 weights in public/, so the
 * Model step can offer them from this origin without probing for a missing file.
 */
const localWeights = existsSync(
  resolve(import.meta.dirname, 'public/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5'),
);

export default defineConfig({
  define: { 'import.meta.env.VITE_LOCAL_WEIGHTS': JSON.stringify(localWeights ? 'yes' : '') },
  plugins: [react(), chunkModulesReport(() => 'chunk-modules.json'), servedAsBuilt()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders, port: 4173 },
  worker: {
    format: 'es',
    plugins: () => [
      selfContainedWasmFactory(),
      wasmThreadPoolPerCore(),
      chunkModulesReport((entry) =>
        entry === 'studio.worker' ? 'worker-chunk-modules.json' : `${entry}-chunk-modules.json`,
      ),
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: resolve(import.meta.dirname, 'index.html') },
  },
});
