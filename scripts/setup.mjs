// Idempotent machine setup: npm dependencies, FerretDB and Mailpit (built from the Go module
// proxy), Chromium (for e2e) and Redis. `node scripts/setup.mjs [--browser]`, or import setup().
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  ROOT,
  UserError,
  capture,
  isMain,
  isPortOpen,
  makeLog,
  mtimeOf,
  run,
  runMain,
  waitForPort,
  which,
} from './lib.mjs';

const log = makeLog('setup');

export const FERRETDB_VERSION = 'v1.24.2';
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');
export const FERRETDB_BIN = path.join(TOOLS_BIN, 'ferretdb');
export const MAILPIT_VERSION = 'v1.33.1';
export const MAILPIT_MODULE = 'github.com/axllent/mailpit';
export const MAILPIT_BIN = path.join(TOOLS_BIN, 'mailpit');
export const CHROMIUM_BIN = '/usr/bin/chromium';
const REDIS_PORT = 6379;

/**
 * Makes the machine ready to run and test Cocon. Safe to call repeatedly: each step
 * only acts when something is missing.
 */
export async function setup({ browser = false } = {}) {
  const started = Date.now();
  await ensureNodeModules();
  await ensureDatabaseBinary();
  await ensureMailpit();
  if (browser) await ensureChromium();
  await ensureRedis();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------- npm

function workspacePackageJsons() {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const files = [path.join(ROOT, 'package.json')];
  for (const ws of rootPkg.workspaces ?? []) {
    // Workspaces here are plain folder names; globs would need expanding.
    if (ws.includes('*')) {
      const base = path.join(ROOT, ws.slice(0, ws.indexOf('*')));
      if (fs.existsSync(base)) {
        for (const d of fs.readdirSync(base)) files.push(path.join(base, d, 'package.json'));
      }
    } else {
      files.push(path.join(ROOT, ws, 'package.json'));
    }
  }
  return files.filter((f) => fs.existsSync(f));
}

function npmInstallReason() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) return 'node_modules is missing';
  const markerTime = mtimeOf(marker);
  if (!markerTime) return 'node_modules/.package-lock.json is missing';
  const inputs = [path.join(ROOT, 'package-lock.json'), ...workspacePackageJsons()];
  for (const f of inputs) {
    if (mtimeOf(f) > markerTime) return `${path.relative(ROOT, f)} is newer than node_modules`;
  }
  return null;
}

export async function ensureNodeModules() {
  const reason = npmInstallReason();
  if (!reason) {
    log('npm dependencies: up to date');
    return;
  }
  const useCi = process.env.CI === 'true' && fs.existsSync(path.join(ROOT, 'package-lock.json'));
  const args = useCi ? ['ci'] : ['install'];
  log(`npm dependencies: ${reason}: running npm ${args[0]}`);
  // Browsers come from Debian (chromium), never from a download at install time.
  await run('npm', args, { check: true, env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  // npm leaves the hidden lockfile alone when nothing changed: mark the install as fresh.
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (fs.existsSync(marker)) {
    const now = new Date();
    fs.utimesSync(marker, now, now);
  }
}

// ---------------------------------------------------------------------------- database

function goBinary() {
  return which('go', ['/usr/local/go/bin', path.join(process.env.HOME ?? '/root', 'go', 'bin')]);
}

/** True when the binary runs and prints its version (a build without version.txt panics). */
function ferretdbWorks(bin) {
  if (!fs.existsSync(bin)) return false;
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return res.status === 0 && res.stdout.includes(FERRETDB_VERSION);
}

export async function ensureDatabaseBinary() {
  const mongod = which('mongod');
  if (mongod) {
    log(`database: using mongod at ${mongod} (FerretDB not needed)`);
    return;
  }
  if (ferretdbWorks(FERRETDB_BIN)) {
    log(`database: FerretDB ${FERRETDB_VERSION} present at ${path.relative(ROOT, FERRETDB_BIN)}`);
    return;
  }
  await buildFerretDB({ binDir: TOOLS_BIN });
}

/**
 * Builds FerretDB into <binDir>/ferretdb. Tries the official `go install` first and
 * falls back to building a writable copy of the module with build/version/version.txt
 * filled in (the module zip lacks it, so a plain build panics at start).
 * `forceFallback` skips the first attempt (used to test the fallback).
 */
export async function buildFerretDB({ binDir = TOOLS_BIN, forceFallback = false } = {}) {
  const go = goBinary();
  if (!go) {
    throw new UserError(
      'Go is required to build FerretDB (the embedded MongoDB-compatible database) but `go` was not ' +
        'found on PATH nor in /usr/local/go/bin. Install Go 1.22 or newer (https://go.dev/dl/), or ' +
        'put a `mongod` on PATH, or set MONGODB_URL to an existing MongoDB.',
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  const bin = path.join(binDir, 'ferretdb');
  const goEnv = { GOFLAGS: `${process.env.GOFLAGS ?? ''} -modcacherw`.trim() };
  log(
    `database: building FerretDB ${FERRETDB_VERSION} with ${capture(go, ['version'])} (a few minutes the first time)`,
  );

  if (!forceFallback) {
    const code = await run(go, ['install', `${FERRETDB_MODULE}/cmd/ferretdb@${FERRETDB_VERSION}`], {
      env: { ...goEnv, GOBIN: binDir },
    }).catch(() => 1);
    if (code === 0 && ferretdbWorks(bin)) {
      log(`database: FerretDB built with go install -> ${bin}`);
      return bin;
    }
    log.warn(
      code === 0
        ? 'go install succeeded but the binary does not start (missing version.txt): using the fallback build'
        : `go install failed (exit ${code}): using the fallback build`,
    );
  }

  const info = JSON.parse(
    capture(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env: goEnv }),
  );
  if (!info.Dir || !fs.existsSync(info.Dir)) {
    throw new UserError(`go mod download gave no module directory: ${info.Error ?? JSON.stringify(info)}`);
  }
  const src = path.join(ROOT, '.tools', 'src', `ferretdb-${FERRETDB_VERSION}`);
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  makeWritable(src);
  const versionFile = path.join(src, 'build', 'version', 'version.txt');
  fs.mkdirSync(path.dirname(versionFile), { recursive: true });
  fs.writeFileSync(versionFile, `${FERRETDB_VERSION}\n`);
  await run(go, ['build', '-trimpath', '-o', bin, './cmd/ferretdb'], { cwd: src, env: goEnv, check: true });
  if (!ferretdbWorks(bin)) throw new UserError(`the FerretDB built at ${bin} does not start`);
  log(`database: FerretDB built from a patched copy of the module (fallback) -> ${bin}`);
  return bin;
}

function makeWritable(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const mode = fs.lstatSync(p).mode;
    if (!entry.isSymbolicLink()) fs.chmodSync(p, mode | 0o200);
    if (entry.isDirectory()) makeWritable(p);
  }
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o200);
}

// ---------------------------------------------------------------------------- mail catcher

/**
 * True when the binary runs and reports MAILPIT_VERSION. `mailpit version` prints
 * "<path> v1.33.1 compiled with go1.x on linux/amd64" (a plain `go install` build says "dev"
 * instead, hence the -X flag below); --no-release-check keeps it off the network.
 */
function mailpitWorks(bin) {
  if (!fs.existsSync(bin)) return false;
  const res = spawnSync(bin, ['version', '--no-release-check'], { encoding: 'utf8', timeout: 20_000 });
  return res.status === 0 && res.stdout.includes(` ${MAILPIT_VERSION} compiled with `);
}

/**
 * Builds Mailpit (the local mail catcher used by `npm start` and the tests) into
 * .tools/bin/mailpit with `go install`, unless a working binary of the right version is there.
 * The web UI's JavaScript bundle is not part of the Go module: such a build serves the SMTP
 * server and the REST API, and a web page without its scripts.
 */
export async function ensureMailpit({ binDir = TOOLS_BIN } = {}) {
  const bin = path.join(binDir, 'mailpit');
  if (mailpitWorks(bin)) {
    log(`mail: Mailpit ${MAILPIT_VERSION} present at ${path.relative(ROOT, bin)}`);
    return bin;
  }
  const go = goBinary();
  if (!go) {
    throw new UserError(
      'Go is required to build Mailpit (the local mail catcher) but `go` was not found on PATH nor ' +
        'in /usr/local/go/bin. Install Go 1.24 or newer (https://go.dev/dl/).',
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  log(
    `mail: building Mailpit ${MAILPIT_VERSION} with ${capture(go, ['version'])} (a minute or two the first time)`,
  );
  await run(
    go,
    [
      'install',
      `-ldflags=-s -w -X ${MAILPIT_MODULE}/config.Version=${MAILPIT_VERSION}`,
      `${MAILPIT_MODULE}@${MAILPIT_VERSION}`,
    ],
    {
      env: { GOFLAGS: `${process.env.GOFLAGS ?? ''} -modcacherw`.trim(), GOBIN: binDir },
      check: true,
    },
  );
  if (!mailpitWorks(bin))
    throw new UserError(`the Mailpit built at ${bin} does not report ${MAILPIT_VERSION}`);
  log(`mail: Mailpit built with go install -> ${bin}`);
  return bin;
}

// ---------------------------------------------------------------------------- apt

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;
async function aptInstall(pkg, why) {
  if (!which('apt-get')) throw new UserError(`${why}: ${pkg} is missing and apt-get is not available`);
  if (!isRoot()) {
    throw new UserError(
      `${why}: ${pkg} is missing; run as root, or install it first: sudo apt-get install -y ${pkg}`,
    );
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    await run('apt-get', ['update'], { env, check: true });
    aptUpdated = true;
  }
  await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, check: true });
}

export async function ensureChromium() {
  if (fs.existsSync(CHROMIUM_BIN)) {
    log(`browser: chromium present at ${CHROMIUM_BIN}`);
    return;
  }
  log('browser: chromium is missing: installing it with apt-get');
  await aptInstall('chromium', 'the end-to-end tests need Chromium');
  if (!fs.existsSync(CHROMIUM_BIN))
    throw new UserError(`apt-get installed chromium but ${CHROMIUM_BIN} is missing`);
}

// ---------------------------------------------------------------------------- redis

export async function ensureRedis() {
  if (process.env.REDIS_URL) {
    log(`redis: REDIS_URL is set (${process.env.REDIS_URL}): not managing a local Redis`);
    return;
  }
  if (await isPortOpen(REDIS_PORT)) {
    log(`redis: something answers on 127.0.0.1:${REDIS_PORT}`);
    return;
  }
  if (!which('redis-server')) {
    log('redis: redis-server is missing: installing it with apt-get');
    await aptInstall('redis-server', 'Cocon needs Redis');
    // Some installs start the service by themselves.
    if (await isPortOpen(REDIS_PORT)) return;
  }
  log(`redis: starting redis-server on 127.0.0.1:${REDIS_PORT}`);
  await run(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(REDIS_PORT),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { check: true },
  );
  await waitForPort(REDIS_PORT, 15_000);
}

// ---------------------------------------------------------------------------- CLI

if (isMain(import.meta.url)) {
  runMain(log, async () => {
    const args = process.argv.slice(2);
    if (args.includes('--help')) {
      console.log('usage: node scripts/setup.mjs [--browser] [--build-ferretdb-to DIR [--fallback]]');
      return 0;
    }
    const to = args.indexOf('--build-ferretdb-to');
    if (to !== -1) {
      // Developer aid: build FerretDB into another folder (e.g. to test the fallback).
      await buildFerretDB({ binDir: path.resolve(args[to + 1]), forceFallback: args.includes('--fallback') });
      return 0;
    }
    await setup({ browser: args.includes('--browser') });
    return 0;
  });
}
