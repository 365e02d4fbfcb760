// `npm test`: set the machine up, start a throw-away test database and mail catcher
// (Mailpit), run every suite
// (typecheck, lint, format, unit, integration, e2e) even after failures, print a table
// and, as the very last line, `N passed, N failed`. Exit code 1 when anything failed.
//
//   npm test                          all suites
//   npm test -- --only unit,integration
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError, freePort, isMain, makeLog, npxCommand, run, runMain } from './lib.mjs';
import { startDatabase } from './database.mjs';
import { startMailpit } from './mailpit.mjs';
import { CHROMIUM_BIN, setup } from './setup.mjs';
import { CLIENT_DIST, buildClientIfStale } from './start.mjs';

const log = makeLog('test');

const TEST_DB_PORT = 27018;
const MINUTE = 60_000;

/**
 * Suites in run order. kind: 'check' (exit code only), 'vitest' or 'playwright' (JSON report).
 * needsDb: TEST_MONGODB_URL; needsMail: TEST_SMTP_URL and TEST_MAILPIT_URL.
 */
const SUITES = [
  { name: 'typecheck', kind: 'check', bin: 'tsc', args: ['-b'], timeoutMs: 10 * MINUTE },
  { name: 'lint', kind: 'check', bin: 'eslint', args: ['--max-warnings=0', '.'], timeoutMs: 10 * MINUTE },
  { name: 'format', kind: 'check', bin: 'prettier', args: ['--check', '.'], timeoutMs: 5 * MINUTE },
  { name: 'unit', kind: 'vitest', project: 'unit', timeoutMs: 15 * MINUTE },
  {
    name: 'integration',
    kind: 'vitest',
    project: 'integration',
    needsDb: true,
    needsMail: true,
    timeoutMs: 20 * MINUTE,
  },
  {
    name: 'e2e',
    kind: 'playwright',
    needsDb: true,
    needsMail: true,
    needsBrowser: true,
    timeoutMs: 30 * MINUTE,
  },
];

function parseArgs(argv) {
  let only = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--only') {
      only = argv[i + 1] ?? '';
      i += 1;
    } else if (arg.startsWith('--only=')) {
      only = arg.slice('--only='.length);
    } else if (arg === '--help' || arg === '-h') {
      return { help: true };
    } else {
      throw new UserError(
        `unknown argument: ${arg} (usage: npm test -- [--only ${SUITES.map((s) => s.name).join(',')}])`,
      );
    }
  }
  if (only === null) return { suites: SUITES };
  const names = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length || names.length === 0) {
    throw new UserError(`--only takes suite names among: ${SUITES.map((s) => s.name).join(', ')}`);
  }
  return { suites: SUITES.filter((s) => names.includes(s.name)) };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs one suite; resolves with { passed, failed, flaky, skipped, note }. */
async function runSuite(suite, { tmp, env }) {
  if (suite.kind === 'check') {
    const [cmd, args] = npxCommand(suite.bin, suite.args);
    const code = await run(cmd, args, { env, timeoutMs: suite.timeoutMs });
    return code === 0
      ? { passed: 1, failed: 0, note: '' }
      : { passed: 0, failed: 1, note: code === 124 ? 'timed out' : `exit ${code}` };
  }

  if (suite.kind === 'vitest') {
    const jsonFile = path.join(tmp, `${suite.name}.json`);
    const [cmd, args] = npxCommand('vitest', [
      'run',
      '--project',
      suite.project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${jsonFile}`,
    ]);
    const code = await run(cmd, args, { env, timeoutMs: suite.timeoutMs });
    const report = readJson(jsonFile);
    if (!report || typeof report.numPassedTests !== 'number') {
      return {
        passed: 0,
        failed: 1,
        note: code === 124 ? 'timed out, no report' : `exit ${code}, no report`,
      };
    }
    const result = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      note: '',
    };
    if (report.numFailedTestSuites > 0) result.note = `${report.numFailedTestSuites} file(s) failed`;
    if (code !== 0 && result.failed === 0) {
      // A file that fails to load, an unhandled error, or no test found at all.
      result.failed = 1;
      result.note = [result.note, `exit ${code} with no failed test: counted as 1 failure`]
        .filter(Boolean)
        .join('; ');
    }
    return result;
  }

  if (suite.kind === 'playwright') {
    const built = await buildClientIfStale({ logger: log, timeoutMs: 10 * MINUTE });
    if (built !== 0) return { passed: 0, failed: 1, note: `client build failed (exit ${built})` };
    const jsonFile = path.join(tmp, 'e2e.json');
    const [cmd, args] = npxCommand('playwright', [
      'test',
      '-c',
      'e2e/playwright.config.ts',
      '--reporter=list,json',
    ]);
    const code = await run(cmd, args, {
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile },
      timeoutMs: suite.timeoutMs,
    });
    const report = readJson(jsonFile);
    const stats = report?.stats;
    if (!stats || typeof stats.expected !== 'number') {
      return {
        passed: 0,
        failed: 1,
        note: code === 124 ? 'timed out, no report' : `exit ${code}, no report`,
      };
    }
    const result = {
      passed: stats.expected + (stats.flaky ?? 0),
      failed: stats.unexpected ?? 0,
      flaky: stats.flaky ?? 0,
      skipped: stats.skipped ?? 0,
      note: stats.flaky ? `${stats.flaky} flaky (passed on retry)` : '',
    };
    const errors = Array.isArray(report.errors) ? report.errors.length : 0;
    if (code !== 0 && result.failed === 0) {
      result.failed = 1;
      result.note = [
        result.note,
        `exit ${code}${errors ? `, ${errors} global error(s)` : ''}: counted as 1 failure`,
      ]
        .filter(Boolean)
        .join('; ');
    }
    return result;
  }
  throw new Error(`unknown suite kind ${suite.kind}`);
}

function printTable(rows) {
  const header = ['suite', 'passed', 'failed', 'skipped', 'time', 'note'];
  const lines = rows.map((r) => [
    r.name,
    String(r.passed),
    String(r.failed),
    String(r.skipped ?? 0),
    `${(r.ms / 1000).toFixed(1)}s`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cols) =>
    cols
      .map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(fmt(header));
  console.log(fmt(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(fmt(l));
  console.log('');
}

async function main({ suites }) {
  const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  if (process.env.CI === 'true') {
    // Plain logs in CI. NO_COLOR rather than FORCE_COLOR=0: vitest's colour library turns
    // colours ON whenever FORCE_COLOR is set, whatever its value.
    delete process.env.FORCE_COLOR;
    process.env.NO_COLOR = '1';
    env.NO_COLOR = '1';
  }

  const needsBrowser = suites.some((s) => s.needsBrowser);
  const needsDb = suites.some((s) => s.needsDb);
  const needsMail = suites.some((s) => s.needsMail);
  await setup({ browser: needsBrowser });
  if (needsBrowser && fs.existsSync(CHROMIUM_BIN))
    env.CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? CHROMIUM_BIN;
  env.CLIENT_DIST = process.env.CLIENT_DIST ?? CLIENT_DIST;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cocon-test-'));
  let database = null;
  let mailpit = null;
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  const rows = [];
  try {
    if (needsDb) {
      if (process.env.TEST_MONGODB_URL) {
        log(`database: using TEST_MONGODB_URL=${process.env.TEST_MONGODB_URL}`);
      } else {
        database = await startDatabase({ port: TEST_DB_PORT, dataDir: path.join(tmp, 'db') });
        env.TEST_MONGODB_URL = database.url;
        process.env.TEST_MONGODB_URL = database.url;
      }
    }
    if (needsMail) {
      if (process.env.TEST_SMTP_URL && process.env.TEST_MAILPIT_URL) {
        log(
          `mail: using TEST_SMTP_URL=${process.env.TEST_SMTP_URL}, TEST_MAILPIT_URL=${process.env.TEST_MAILPIT_URL}`,
        );
      } else {
        // Free ports, so that a Mailpit of `npm start` (1025/8025) or of another run is left alone.
        const smtpPort = await freePort();
        let httpPort = await freePort();
        while (httpPort === smtpPort) httpPort = await freePort();
        mailpit = await startMailpit({ smtpPort, httpPort });
        env.TEST_SMTP_URL = mailpit.smtpUrl;
        env.TEST_MAILPIT_URL = mailpit.httpUrl;
      }
    }

    for (const suite of suites) {
      if (interrupted) {
        rows.push({ name: suite.name, passed: 0, failed: 0, ms: 0, note: 'not run (interrupted)' });
        continue;
      }
      log(`==== ${suite.name} ====`);
      const started = Date.now();
      let result;
      try {
        result = await runSuite(suite, { tmp, env });
      } catch (err) {
        log.error(`${suite.name}: ${err.message}`);
        result = { passed: 0, failed: 1, note: err.message };
      }
      rows.push({ name: suite.name, ...result, ms: Date.now() - started });
      log(`==== ${suite.name}: ${result.passed} passed, ${result.failed} failed ====`);
    }
  } finally {
    if (mailpit) await mailpit.stop().catch((err) => log.error(`stopping the test Mailpit: ${err.message}`));
    if (database)
      await database.stop().catch((err) => log.error(`stopping the test database: ${err.message}`));
    if (process.env.KEEP_TEST_TMP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  printTable(rows);
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  let failed = rows.reduce((n, r) => n + r.failed, 0);
  if (interrupted && failed === 0) failed = 1;
  // Must stay the very last line: CI reads it.
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) {
  runMain(log, async () => {
    const parsed = parseArgs(process.argv.slice(2));
    if (parsed.help) {
      console.log(`usage: npm test -- [--only ${SUITES.map((s) => s.name).join(',')}]`);
      return 0;
    }
    try {
      return await main(parsed);
    } catch (err) {
      // Setup, the database or Mailpit failed before any suite ran: still end on the summary line.
      log.error(err instanceof UserError ? err.message : (err?.stack ?? String(err)));
      console.log('0 passed, 1 failed');
      return 1;
    }
  });
}
