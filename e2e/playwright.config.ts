import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
// E2E_PORT lets two suites run side by side (e.g. two engineers on one machine); 3100 by default.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: path.join(here, 'tests'),
  // A suite on another port keeps its own artefacts, so two runs do not delete each other's traces.
  outputDir: path.join(here, PORT === 3100 ? 'test-results' : `test-results-${PORT}`),
  forbidOnly: true,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalSetup: path.join(here, 'global-setup.ts'),
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    locale: 'fr-CA',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node --import tsx server/src/main.ts',
    cwd: root,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      MONGODB_URL: process.env.TEST_MONGODB_URL ?? 'mongodb://127.0.0.1:27018/',
      MONGODB_DB: `cocon_e2e_${Date.now()}`,
      CLIENT_DIST: path.join(root, 'client', 'dist'),
      SEED_DEMO: '1',
      DEMO_PASSWORD: 'demo-e2e-password',
      UNLOAD_GRACE_MS: '2000',
      // The mail catcher `npm test` starts; specs read invitations from its API.
      SMTP_URL: process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:1025',
      PUBLIC_URL: BASE_URL,
    },
  },
});
