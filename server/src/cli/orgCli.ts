import { parseArgs } from 'node:util';
import { LANGUAGES, organizationBody, type Language } from '@cocon/shared';
import { connectDatabase } from '../db/mongo.js';
import { migrateToOrganizations, slugify } from '../db/organizationMigration.js';
import { AuditLog } from '../audit/auditLog.js';
import { SessionStore, systemSession } from '../auth/sessions.js';
import { Mailer } from '../mail/mailer.js';
import { OrganizationService } from '../organizations/organizationService.js';
import { PeopleService } from '../people/peopleService.js';
import { consoleLogger } from '../util/logger.js';
import { AppEvents } from '../events/appEvents.js';

/**
 * The platform operator's command line:
 *   org:create --name <name> [--slug <slug>] [--region <region>] --admin-email <email> [--language fr|en]
 *   org:list
 * Creates a body and invites its first admin by e-mail (SMTP_URL, PUBLIC_URL), on MONGODB_URL.
 */
const USAGE = `usage:
  org:create --name <name> [--slug <slug>] [--region <region>] --admin-email <email> [--language fr|en]
  org:list`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      region: { type: 'string', default: '' },
      'admin-email': { type: 'string' },
      language: { type: 'string', default: 'fr' },
    },
  });
  const url = process.env.MONGODB_URL;
  if (!url) throw new Error('MONGODB_URL is not set');
  const db = await connectDatabase(url, process.env.MONGODB_DB ?? 'cocon');
  const logger = consoleLogger(true);
  try {
    await migrateToOrganizations(db);
    if (command === 'list') {
      const orgs = await db.organizations.find({}).sort({ slug: 1 }).toArray();
      for (const org of orgs) console.log(`${org.slug.padEnd(30)} ${org.name} (${org.region || '—'})`);
      if (orgs.length === 0) console.log('No organisation yet: open the app to set up the first one.');
      return 0;
    }
    if (command !== 'create' || !values.name || !values['admin-email']) {
      console.error(USAGE);
      return 2;
    }
    const organization = organizationBody.parse({
      name: values.name,
      region: values.region,
      slug: values.slug ?? slugify(values.name),
    });
    const language: Language = (LANGUAGES as readonly string[]).includes(values.language ?? '')
      ? (values.language as Language)
      : 'fr';
    const audit = new AuditLog(db, logger);
    const sessions = new SessionStore(db, false, new AppEvents());
    const organizations = new OrganizationService(db, sessions, audit);
    const mailer = new Mailer(
      {
        smtpUrl: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
        from: process.env.MAIL_FROM ?? 'Cocon <no-reply@cocon.local>',
      },
      logger,
    );
    const people = new PeopleService(db, sessions, organizations, mailer, audit, logger, {
      publicUrl: (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    });
    const org = await organizations.insertOrganization(organization);
    console.log(`Created ${org.name} (${org.slug}).`);
    const operator = systemSession({
      userId: 'command-line',
      displayName: 'Cocon',
      role: 'admin',
      organizationId: org._id,
    });
    try {
      await people.inviteFirstAdmin(operator, org, values['admin-email'].trim().toLowerCase(), language);
      console.log(`Invitation sent to ${values['admin-email']}.`);
    } catch (error) {
      console.error(
        `The invitation could not be sent (${error instanceof Error ? error.message : String(error)}); ` +
          'nothing was created. Is the mail server (SMTP_URL) up?',
      );
      return 1;
    } finally {
      mailer.close();
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
