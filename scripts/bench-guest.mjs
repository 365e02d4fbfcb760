/* global document */
// `npm run bench:guest [-- --runs 3 --dist client/dist --keep-dist]`: a guest's arrival on a
// phone over a slow venue network, in Chromium through Playwright. Builds the client into a
// throw-away folder (unless --dist), starts a server with the demo seed on its own database, then
// for each run opens a fresh browser context (empty cache), throttles it with the Chrome DevTools
// Protocol (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency;
// Emulation.setCPUThrottlingRate: 4x), goes to the home page, joins the demo forum with its code
// and opens its first board, and measures the time until the board says "En direct" and the bytes
// received. Then a second arrival in the same context (the cache warm) says what caching saves.
// Prints each run and the medians. Not part of `npm test`: it takes about a minute.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, freePort, killTree, makeLog, npxCommand, run, runMain, waitForPort } from './lib.mjs';

const log = makeLog('bench:guest');

const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8) | 0,
  uploadThroughput: (750e3 / 8) | 0,
};
const CPU_SLOWDOWN = 4;
const JOIN_CODE = 'HORIZON26';
const TARGET_MS = 3000;
const TARGET_BYTES = 300_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Counts what the page receives: HTTP responses (headers and body as sent) and WebSocket frames. */
async function countBytes(cdp) {
  const totals = { http: 0, webSocket: 0, requests: 0, byType: {} };
  const typeOf = new Map();
  cdp.on('Network.responseReceived', (e) => typeOf.set(e.requestId, e.type));
  const started = new Map();
  totals.waterfall = [];
  cdp.on('Network.requestWillBeSent', (e) =>
    started.set(e.requestId, {
      at: e.timestamp,
      url: e.request.url,
      by: e.initiator?.stack?.callFrames
        ?.slice(0, 6)
        .map((f) => f.functionName || '?')
        .join(' < '),
    }),
  );
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) =>
    totals.waterfall.push({ url: `WebSocket ${e.requestId}`, at: e.timestamp }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const start = started.get(e.requestId);
    if (start)
      totals.waterfall.push({ url: start.url, at: start.at, end: e.timestamp, bytes: e.encodedDataLength });
    totals.http += e.encodedDataLength;
    totals.requests += 1;
    const type = typeOf.get(e.requestId) ?? 'Other';
    totals.byType[type] = (totals.byType[type] ?? 0) + e.encodedDataLength;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    // Binary frames come base64-encoded; text frames (socket.io) as text.
    const data = e.response.payloadData ?? '';
    totals.webSocket += e.response.opcode === 2 ? Math.floor((data.length * 3) / 4) : Buffer.byteLength(data);
  });
  await cdp.send('Network.enable');
  return totals;
}

/** Goes from the home page to a live board; returns the page's own clock at each step (ms). */
async function arrive(page, name) {
  await page.goto('/', { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'Rejoindre un forum' }).waitFor();
  const homeReadyMs = await page.evaluate(() => performance.now());
  await page.getByLabel('Code du forum').fill(JOIN_CODE);
  await page.getByLabel('Votre nom ou un pseudonyme').fill(name);
  const joinedAtMs = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Entrer dans le forum' }).click();
  // A forum with several boards lists them; one with a single board may open it directly.
  const boardLink = page.locator('a.board-link').first();
  const boardPage = page.locator('.board-page');
  await boardLink.or(boardPage).first().waitFor();
  const forumShownMs = await page.evaluate(() => performance.now());
  if (await boardLink.isVisible()) await boardLink.click();
  const boardOpenedMs = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="connection-status"]')?.textContent?.includes('En direct') &&
      document.querySelector('.board-page')?.getAttribute('aria-busy') === 'false',
    null,
    { polling: 25, timeout: 60_000 },
  );
  const liveMs = await page.evaluate(() => performance.now());
  return { homeReadyMs, joinToLiveMs: liveMs - joinedAtMs, liveMs, forumShownMs, boardOpenedMs };
}

/**
 * Code a guest's way to a board must not load (editor, plans, fund, administration, zod); the admin
 * API client (the home page asks whether the installation is set up) and the header's organisation
 * switcher (accounts only, a few hundred bytes) are in the first bundle.
 */
const NOT_FOR_GUESTS =
  /node_modules\/(@tiptap|prosemirror-[a-z]+|zod)\/|client\/src\/(plan|fund)\/|client\/src\/admin\/(?!api\.ts|OrganizationSwitcher\.tsx)|client\/src\/pages\/(Plan|Plans|Fund|Round|Admin|Proposal|Proposals)Page\.tsx/;

/**
 * Reads the source maps of the scripts the first run loaded and counts the modules of NOT_FOR_GUESTS
 * among them (printed by package or folder).
 */
function checkGuestPath(dist, waterfall) {
  const scripts = waterfall
    .map((e) => /\/assets\/([^?]+\.js)$/.exec(e.url)?.[1])
    .filter((name) => name && fs.existsSync(path.join(dist, 'assets', `${name}.map`)));
  const found = new Map();
  for (const name of scripts) {
    const { sources } = JSON.parse(fs.readFileSync(path.join(dist, 'assets', `${name}.map`), 'utf8'));
    for (const source of sources) {
      const hit = NOT_FOR_GUESTS.exec(source);
      if (hit) found.set(hit[0], (found.get(hit[0]) ?? 0) + 1);
    }
  }
  const count = [...found.values()].reduce((a, b) => a + b, 0);
  log(
    `guest path: ${scripts.length} scripts; ${count === 0 ? 'no' : count} modules of the editor, plans, fund, ` +
      `administration or zod${count ? `: ${[...found].map(([k, n]) => `${k} (${n})`).join(', ')}` : ''}`,
  );
  return count;
}

/** What was fetched when (ms from the first request), for --waterfall. */
function printWaterfall(entries) {
  const origin = Math.min(...entries.map((e) => e.at));
  for (const e of [...entries].sort((a, b) => a.at - b.at)) {
    const from = ((e.at - origin) * 1000).toFixed(0).padStart(6);
    const to = e.end ? ((e.end - origin) * 1000).toFixed(0).padStart(6) : '      ';
    const size = e.bytes === undefined ? '' : `${(e.bytes / 1000).toFixed(1)} KB`;
    console.log(
      `  ${from} ${to}  ${size.padStart(9)}  ${e.url.replace(/^https?:\/\/[^/]+/, '')}${e.by && e.url.includes('/api/') ? `  (${e.by})` : ''}`,
    );
  }
}

async function oneRun(browser, baseURL, index) {
  const context = await browser.newContext({
    baseURL,
    locale: 'fr-CA',
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = await countBytes(cdp);
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const cold = await arrive(page, `Invitée ${index}`);
  const coldBytes = { ...bytes, byType: { ...bytes.byType }, waterfall: [...bytes.waterfall] };
  // A second arrival in the same browser: what the cache saves (a phone coming back after a pause).
  bytes.http = 0;
  bytes.webSocket = 0;
  bytes.requests = 0;
  bytes.byType = {};
  bytes.waterfall.length = 0;
  await context.clearCookies();
  const warm = await arrive(page, `Invitée ${index} bis`);
  await context.close();
  return { cold, coldBytes, warm, warmBytes: bytes };
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      dist: { type: 'string' },
      'keep-dist': { type: 'boolean', default: false },
      waterfall: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const { chromium } = await import('playwright');

  let dist = values.dist ? path.resolve(values.dist) : null;
  let builtDist = null;
  if (!dist) {
    builtDist = fs.mkdtempSync(path.join(os.tmpdir(), 'cocon-guest-dist-'));
    const [cmd, args] = npxCommand('vite', [
      'build',
      '--outDir',
      builtDist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
    await run(cmd, args, { check: true });
    dist = builtDist;
  }

  const port = await freePort();
  const dbName = `cocon_bench_guest_${Date.now()}`;
  const mongoUrl = process.env.TEST_MONGODB_URL ?? process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27018/';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URL: mongoUrl,
      MONGODB_DB: dbName,
      CLIENT_DIST: dist,
      SEED_DEMO: '1',
      DEMO_PASSWORD: 'bench-guest-password',
      SMTP_URL: process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:1026',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      QUIET: '1',
    },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  try {
    await waitForPort(port, 120_000, { child: server });
    const baseURL = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      const res = await fetch(`${baseURL}/api/health`).catch(() => null);
      if (res?.ok) break;
      if (tries > 600) throw new Error('the server did not answer /api/health');
      await new Promise((r) => setTimeout(r, 200));
    }
    log(
      `server on ${port} (client ${dist}); ${runs} runs: ${NETWORK.downloadThroughput * 8e-6} Mbit/s down, ` +
        `${NETWORK.uploadThroughput * 8e-3} kbit/s up, ${NETWORK.latency} ms, CPU ${CPU_SLOWDOWN}x slower; load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await oneRun(browser, baseURL, i);
      results.push(r);
      const kb = (n) => (n / 1000).toFixed(1);
      if (values.waterfall) printWaterfall(r.coldBytes.waterfall);
      log(
        `run ${i + 1}: live board at ${r.cold.liveMs.toFixed(0)} ms (home ready ${r.cold.homeReadyMs.toFixed(0)} ms, ` +
          `join to live ${r.cold.joinToLiveMs.toFixed(0)} ms; forum shown at ${r.cold.forumShownMs.toFixed(0)}, ` +
          `board clicked at ${r.cold.boardOpenedMs.toFixed(0)}), ${kb(r.coldBytes.http + r.coldBytes.webSocket)} KB received ` +
          `(HTTP ${kb(r.coldBytes.http)} KB in ${r.coldBytes.requests} responses: ` +
          `${Object.entries(r.coldBytes.byType)
            .map(([type, n]) => `${type} ${kb(n)}`)
            .join(', ')}; WebSocket ${kb(r.coldBytes.webSocket)} KB); ` +
          `again with the cache: ${r.warm.liveMs.toFixed(0)} ms, ${kb(r.warmBytes.http + r.warmBytes.webSocket)} KB`,
      );
    }
    const offPath = checkGuestPath(dist, results[0].coldBytes.waterfall);
    const liveMs = median(results.map((r) => r.cold.liveMs));
    const bytes = median(results.map((r) => r.coldBytes.http + r.coldBytes.webSocket));
    const summary = {
      runs,
      liveMs,
      homeReadyMs: median(results.map((r) => r.cold.homeReadyMs)),
      joinToLiveMs: median(results.map((r) => r.cold.joinToLiveMs)),
      bytes,
      httpBytes: median(results.map((r) => r.coldBytes.http)),
      webSocketBytes: median(results.map((r) => r.coldBytes.webSocket)),
      warmLiveMs: median(results.map((r) => r.warm.liveMs)),
      warmBytes: median(results.map((r) => r.warmBytes.http + r.warmBytes.webSocket)),
    };
    console.log(JSON.stringify(summary));
    log(
      `median of ${runs}: live board at ${liveMs.toFixed(0)} ms (target < ${TARGET_MS}: ${liveMs < TARGET_MS ? 'met' : 'NOT met'}), ` +
        `${(bytes / 1000).toFixed(1)} KB (target < ${TARGET_BYTES / 1000}: ${bytes < TARGET_BYTES ? 'met' : 'NOT met'}); ` +
        `again with the cache ${summary.warmLiveMs.toFixed(0)} ms, ${(summary.warmBytes / 1000).toFixed(1)} KB`,
    );
    return liveMs < TARGET_MS && bytes < TARGET_BYTES && offPath === 0 ? 0 : 1;
  } finally {
    await browser.close();
    killTree(server, 'SIGTERM');
    await new Promise((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', resolve);
      setTimeout(() => killTree(server, 'SIGKILL'), 10_000).unref();
    });
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 3000 });
    await client
      .connect()
      .then(() => client.db(dbName).dropDatabase())
      .catch(() => undefined);
    await client.close().catch(() => undefined);
    if (builtDist && !values['keep-dist']) fs.rmSync(builtDist, { recursive: true, force: true });
  }
}

runMain(log, main);
