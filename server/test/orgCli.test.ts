import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@cocon/shared';
import { connectDatabase } from '../src/db/mongo.js';
import { TEST_MONGODB_URL, TEST_SMTP_URL } from './helpers/testServer.js';
import { waitForMail } from './helpers/mailCatcher.js';

const dbName = `cocon_test_cli_${newId(6).replace(/[^A-Za-z0-9]/g, 'x')}`;
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/orgCli.ts', ...args], {
    env: {
      ...process.env,
      MONGODB_URL: TEST_MONGODB_URL,
      MONGODB_DB: dbName,
      SMTP_URL: TEST_SMTP_URL,
      PUBLIC_URL: 'http://cocon.test',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run org:create', () => {
  afterAll(async () => {
    const db = await connectDatabase(TEST_MONGODB_URL, dbName);
    await db.db.dropDatabase();
    await db.close();
  });

  it('creates a body from the command line and invites its first admin by e-mail', async () => {
    const email = `coordination-${newId(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}@laval.test`;
    const created = run(
      'create',
      '--name',
      'Table de développement social de Laval',
      '--region',
      'Laval',
      '--admin-email',
      email,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const mail = await waitForMail({ to: email });
    expect(mail.subject).toMatch(/Table de développement social de Laval/);
    expect(mail.links.some((l) => l.startsWith('http://cocon.test/invitation/'))).toBe(true);

    const listed = run('list');
    expect(listed.stdout).toMatch(
      /table-de-developpement-social-de-laval\s+Table de développement social de Laval/,
    );
    // The address is unique.
    const again = run('create', '--name', 'Table de développement social de Laval', '--admin-email', email);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/address/);
  });
});
