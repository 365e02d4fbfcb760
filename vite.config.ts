import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
// The API server; the dev server proxies to it so the browser sees a single origin
// (cookies, CSRF and WebSocket upgrades all behave as in production).
const apiTarget = process.env.COCON_API_URL ?? 'http://127.0.0.1:3000';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every script, style
 * sheet and SVG of the build, once, so that the server sends them as they are
 * (server/src/http/clientFiles.ts) instead of compressing on every request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'cocon-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const assets = path.join(outDir, 'assets');
      const files = (await readdir(assets)).filter((name) => /\.(js|css|svg|json)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(assets, name);
          const raw = await readFile(file);
          if (raw.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gzip(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) await writeFile(`${file}.br`, br);
          if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react(), precompress()],
  build: {
    outDir: path.join(here, 'client', 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Brotli at quality 11 (precompress) is most of the build's time, by design: no report of it.
      checks: { bundlerTimings: false },
      // The shared contract only declares things at module level, but its zod schemas look like
      // side effects to the bundler; saying so keeps zod out of the phone bundle when the client
      // only needs types and constants from it.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id),
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/yjs': { target: apiTarget, ws: true },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
