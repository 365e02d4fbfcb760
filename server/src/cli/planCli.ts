import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectDatabase, type Database, type OrganizationDoc } from '../db/mongo.js';
import { AuditLog } from '../audit/auditLog.js';
import { CollabService, DEFAULT_COLLAB_OPTIONS } from '../collab/collabService.js';
import { MongoDocumentStore } from '../collab/documentStore.js';
import { ProposalProjector } from '../proposals/proposalProjector.js';
import { PlanService } from '../plan/planService.js';
import { FundLedger } from '../fund/fundLedger.js';
import { AppEvents } from '../events/appEvents.js';
import { PLAN_EXPORT_FORMATS, type PlanExportFormat } from '../plan/planExport.js';
import { parsePlan } from '../plan/import/detect.js';
import { consoleLogger } from '../util/logger.js';
import { systemSession } from '../auth/sessions.js';

/**
 * `npm run plan:import -- <file> [--org <slug>] [--dry-run] [--skip-errors] [--plan <id>]`
 * `npm run plan:export -- [--org <slug>] --plan <id> --format json|csv|docx|pdf --out <file>`
 * Acts in one organisation (`--org`, which may be left out when the database has only one), as
 * the command line (an admin of it). Talks to MONGODB_URL (scripts/plan-cli.mjs starts the
 * embedded database when it is unset).
 */
const USAGE = `usage:
  plan:import <file> [--org <slug>] [--dry-run] [--skip-errors] [--plan <id>]
  plan:export [--org <slug>] --plan <id> --format ${PLAN_EXPORT_FORMATS.join('|')} --out <file>
  --org is required when the database has more than one organisation`;

/** The organisation named by `--org`, else the only one there is. */
async function organizationFor(db: Database, slug: string | undefined): Promise<OrganizationDoc> {
  if (slug) {
    const org = await db.organizations.findOne({ slug });
    if (!org) throw new Error(`No organisation has the slug « ${slug} ».`);
    return org;
  }
  const orgs = await db.organizations.find({}).sort({ slug: 1 }).limit(50).toArray();
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0) throw new Error('The database has no organisation yet.');
  throw new Error(
    `Choose the organisation with --org <slug> (${orgs.map((o) => o.slug).join(', ')}).\n${USAGE}`,
  );
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'skip-errors': { type: 'boolean', default: false },
      plan: { type: 'string' },
      org: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const url = process.env.MONGODB_URL;
  if (!url) throw new Error('MONGODB_URL is not set');
  const db = await connectDatabase(url, process.env.MONGODB_DB ?? 'cocon');
  const logger = consoleLogger(true);
  const collab = new CollabService(new MongoDocumentStore(db), DEFAULT_COLLAB_OPTIONS, logger);
  const audit = new AuditLog(db, logger);
  const plans = new PlanService(
    db,
    new ProposalProjector(db, collab, logger),
    audit,
    new FundLedger(db),
    new AppEvents(),
  );
  try {
    const org = await organizationFor(db, values.org);
    const cli = systemSession({
      userId: 'cli',
      displayName: 'Ligne de commande',
      role: 'admin',
      organizationId: org._id,
    });
    if (command === 'import') {
      const file = positionals[0];
      if (!file) throw new Error(USAGE);
      const parsed = parsePlan(readFileSync(file, 'utf8'));
      const report = await plans.importPlan(cli, parsed, {
        planId: values.plan,
        dryRun: values['dry-run'],
        skipErrors: values['skip-errors'],
      });
      console.log(`${org.name} — ${report.format}: « ${report.title} »`);
      console.log(
        `  ${report.counts.themes} enjeux, ${report.counts.objectives} objectifs spécifiques, ` +
          `${report.counts.actions} actions, ${report.counts.indicators} indicateurs, ${report.counts.timelines} échéanciers`,
      );
      for (const line of report.unrecognized)
        console.log(`  ligne ${line.line} non reconnue (${line.reason}) : ${line.text}`);
      if (report.written) console.log(`  écrit dans le plan ${report.planId}`);
      else if (values['dry-run']) console.log('  essai à blanc : rien n’a été écrit');
      else console.log('  rien n’a été écrit : corrigez les lignes ci-dessus ou relancez avec --skip-errors');
      return report.written || values['dry-run'] ? 0 : 1;
    }
    if (command === 'export') {
      const format = values.format as PlanExportFormat | undefined;
      if (!values.plan || !values.out || !format || !PLAN_EXPORT_FORMATS.includes(format))
        throw new Error(USAGE);
      const file = await plans.export(cli, values.plan, format);
      writeFileSync(values.out, file.body);
      console.log(`plan ${values.plan} -> ${values.out} (${format})`);
      return 0;
    }
    throw new Error(USAGE);
  } finally {
    await collab.close();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
