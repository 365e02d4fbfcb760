import { loadConfig } from './config.js';
import { connectDatabase } from './db/mongo.js';
import { createApp } from './app.js';
import { migrateToOrganizations } from './db/organizationMigration.js';
import { unsetInventedStatuses } from './plan/planStatusMigration.js';
import { seedDemo } from './seed/demo.js';
import { consoleLogger } from './util/logger.js';

/** The web process: HTTP API, /yjs WebSocket and socket.io on one port. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = consoleLogger(config.QUIET);
  const db = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  const migrated = await migrateToOrganizations(db);
  if (migrated.filled > 0) logger.info('organisations: older data brought up to date', migrated);
  const statuses = await unsetInventedStatuses(db);
  if (statuses.unset + statuses.kept > 0) logger.info('plan: statuses nobody chose are now unset', statuses);
  const app = createApp({
    db,
    logger,
    collab: { unloadGraceMs: config.UNLOAD_GRACE_MS },
    clientDist: config.CLIENT_DIST,
    secureCookies: config.COOKIE_SECURE,
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    joinsPerTenMinutes: config.JOINS_PER_10_MIN,
    mail: { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM },
    publicUrl: config.PUBLIC_URL,
    ...(config.REDIS_URL ? { redis: { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } } : {}),
  });
  // Not fatal: what cannot be finished now is finished when its action is retried.
  await app
    .resumeInterrupted()
    .then((resumed) => {
      if (resumed.transitions + resumed.decisions > 0)
        logger.info('interrupted operations finished', resumed);
    })
    .catch((error: unknown) =>
      logger.error('could not finish interrupted operations', { error: String(error) }),
    );

  if (config.SEED_DEMO) {
    const demo = await seedDemo(db, app, {
      seedsDir: config.SEEDS_DIR,
      dataDir: config.DATA_DIR,
      password: config.DEMO_PASSWORD,
      logger,
    });
    console.log('\nDonnées de démonstration / demo data:');
    for (const code of demo.joinCodes) {
      console.log(`  Code du forum / forum join code (${code.organization}): ${code.joinCode}`);
    }
    console.log(`  Mot de passe des comptes / accounts password: ${demo.password}`);
    for (const account of demo.accounts) {
      console.log(`  ${account.organization.padEnd(22)} ${account.role.padEnd(12)} ${account.email}`);
    }
    console.log('');
  }

  await new Promise<void>((resolve) => app.server.listen(config.PORT, config.HOST, resolve));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(`Cocon listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: storing documents and stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    await app.close().catch((error) => logger.error('shutdown failed', { error: String(error) }));
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A rejection nobody awaited (a Redis command refused while it reconnects, inside a library)
  // is logged, not fatal: Node would otherwise end the process and every live session with it.
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', { error: reason instanceof Error ? reason.stack : String(reason) });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
