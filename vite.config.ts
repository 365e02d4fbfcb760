import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
// The API server; the dev server proxies to it so the browser sees a single origin
// (cookies, CSRF and WebSocket upgrades all behave as in production).
const apiTarget = process.env.COCON_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'client', 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
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
