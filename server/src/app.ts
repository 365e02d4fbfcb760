import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { LIMITS, parseDocName, proposalFieldsProblem } from '@cocon/shared';
import type { Database } from './db/mongo.js';
import { pingDatabase } from './db/mongo.js';
import { SessionStore } from './auth/sessions.js';
import { DEFAULT_SESSION_CACHE, SessionCache, type SessionCacheOptions } from './auth/sessionCache.js';
import { MongoDocumentStore, type DocumentStore } from './collab/documentStore.js';
import { CollabService, DEFAULT_COLLAB_OPTIONS, type CollabOptions } from './collab/collabService.js';
import {
  YJS_SYNC_REQUEST_BUDGET,
  YJS_UPGRADE_BUDGET,
  YjsTransport,
  refuseUpgrade,
} from './collab/yjsTransport.js';
import { BoardDirectory } from './boards/boardAccess.js';
import { makeDocumentAccess } from './access/documentAccess.js';
import { BoardIntents } from './boards/boardIntents.js';
import { boardSchemaHooks } from './boards/boardSchema.js';
import {
  TimerScheduler,
  applyAtZero,
  redisZeroClaim,
  soleInstanceClaim,
  systemClock,
  type TimerClock,
} from './boards/timerActions.js';
import { ForumService } from './boards/forumService.js';
import { Pseudonyms } from './boards/pseudonyms.js';
import { AuditLog } from './audit/auditLog.js';
import { SOCKET_EVENT_BUDGET, attachSocketServer } from './realtime/socketServer.js';
import { authRoutes } from './http/authRoutes.js';
import { forumRoutes } from './http/forumRoutes.js';
import { proposalRoutes } from './http/proposalRoutes.js';
import { ProposalProjector } from './proposals/proposalProjector.js';
import { ProposalService } from './proposals/proposalService.js';
import { ProposalComments } from './proposals/proposalComments.js';
import { PlanService } from './plan/planService.js';
import { planRoutes } from './http/planRoutes.js';
import { parsePlan } from './plan/import/detect.js';
import { Cluster } from './cluster/cluster.js';
import { PartnerDirectory } from './fund/partnerDirectory.js';
import { FundService } from './fund/fundService.js';
import { BallotBox } from './fund/ballotBox.js';
import { FundLedger } from './fund/fundLedger.js';
import { fundRoutes } from './http/fundRoutes.js';
import { clientFiles } from './http/clientFiles.js';
import {
  HTTP_WRITE_BUDGET,
  csrfProtection,
  loadSession,
  makeOriginCheck,
  writeLimits,
} from './http/security.js';
import { personBudget } from './util/personBudget.js';
import { postingPace } from './boards/postingPace.js';
import { ForumRemovals } from './boards/forumRemovals.js';
import { HttpError } from './http/validation.js';
import { AppError } from './util/appError.js';
import type { Logger } from './util/logger.js';
import { SignInLimits } from './auth/signInLimits.js';
import { DeviceKeys } from './auth/deviceKey.js';
import { AppEvents } from './events/appEvents.js';
import { Mailer } from './mail/mailer.js';
import { OrganizationService } from './organizations/organizationService.js';
import { PeopleService } from './people/peopleService.js';
import { organizationRoutes } from './http/organizationRoutes.js';
import { peopleRoutes } from './http/peopleRoutes.js';
import { listRoutes, type RouteEntry } from './http/routeList.js';

export interface AppOptions {
  db: Database;
  logger: Logger;
  collab?: Partial<CollabOptions>;
  /** How long sessions are trusted from this instance's cache (tests shorten it). */
  sessionCache?: Partial<SessionCacheOptions>;
  /** Overrides the MongoDB document store (fault-injection tests wrap the real one). */
  documentStore?: DocumentStore;
  clientDist?: string;
  secureCookies?: boolean;
  allowedOrigins?: string[];
  trustProxy?: boolean;
  /** Guest joins allowed per address per 10 minutes (a venue shares one address). */
  joinsPerTenMinutes?: number;
  /** Several instances: Redis URL and the key prefix they share (one per deployment). */
  redis?: { url: string; prefix: string };
  /** Outgoing e-mail (invitations, password resets); a local catcher by default. */
  mail?: { smtpUrl: string; from: string };
  /** The address people open, for links in e-mails. */
  publicUrl?: string;
  /** A controllable clock for invitation and reset links (tests). */
  now?: () => number;
  /** The clock board countdowns act on at zero (tests pass a fake one). */
  timerClock?: TimerClock;
}

export interface App {
  server: http.Server;
  collab: CollabService;
  projector: ProposalProjector;
  proposals: ProposalService;
  plans: PlanService;
  funds: FundService;
  partners: PartnerDirectory;
  organizations: OrganizationService;
  people: PeopleService;
  sessions: SessionStore;
  yjs: YjsTransport;
  /** Several-instance mode only. */
  cluster: Cluster | null;
  /** What board countdowns do at zero (lock, end the vote), scheduled on this instance. */
  timers: TimerScheduler;
  /** Every /api route (method and declared path). */
  routes: RouteEntry[];
  /** Finishes the status changes and fund decisions a crash or a failure left midway (at start). */
  resumeInterrupted(): Promise<{ transitions: number; decisions: number }>;
  /** Stops accepting, closes sockets, stores every document. Does not close the database. */
  close(): Promise<void>;
  /** Stops dead, storing nothing and releasing nothing: fault tests' stand-in for SIGKILL. */
  crash(): void;
}

/**
 * Wires the three layers: transport (HTTP, /yjs WebSocket, socket.io) -> collaboration
 * service (document lives) -> stores (MongoDB), all passed in, nothing global.
 */
export function createApp(options: AppOptions): App {
  const { db, logger } = options;
  const events = new AppEvents();
  const sessions = new SessionStore(
    db,
    options.secureCookies ?? false,
    events,
    new SessionCache({ ...DEFAULT_SESSION_CACHE, ...options.sessionCache }),
  );
  const audit = new AuditLog(db, logger);
  const collab = new CollabService(
    options.documentStore ?? new MongoDocumentStore(db),
    { ...DEFAULT_COLLAB_OPTIONS, ...options.collab },
    logger,
  );
  // Before any document loads: with Redis, persistence is leased per document.
  const cluster = options.redis
    ? new Cluster(options.redis.url, options.redis.prefix, collab, events, logger)
    : null;
  const mailer = new Mailer(
    options.mail ?? { smtpUrl: 'smtp://127.0.0.1:1025', from: 'Cocon <no-reply@cocon.local>' },
    logger,
  );
  const organizations = new OrganizationService(db, sessions, audit);
  const people = new PeopleService(db, sessions, organizations, mailer, audit, logger, {
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
    ...(options.now ? { now: options.now } : {}),
  });
  const signInLimits = new SignInLimits(cluster?.redis ?? null, options.redis?.prefix ?? 'cocon:');
  // Per person (session): with Redis, one budget across every instance.
  const sharedBudgets =
    cluster && options.redis ? { redis: cluster.redis, prefix: options.redis.prefix } : null;
  const eventBudget = personBudget('events', SOCKET_EVENT_BUDGET, sharedBudgets);
  const writeBudget = personBudget('writes', HTTP_WRITE_BUDGET, sharedBudgets);
  const yjsUpgradeBudget = personBudget('yjs-upgrades', YJS_UPGRADE_BUDGET, sharedBudgets);
  const yjsSyncRequestBudget = personBudget('yjs-sync-requests', YJS_SYNC_REQUEST_BUDGET, sharedBudgets);
  const boards = new BoardDirectory(db);
  const pseudonyms = new Pseudonyms(db);
  const forums = new ForumService(db, collab, boards, audit);
  const intents = new BoardIntents(collab, boards, audit, pseudonyms, postingPace(sharedBudgets));
  const removals = new ForumRemovals(db, sessions, pseudonyms, collab, boards, audit);
  const timerClock = options.timerClock ?? systemClock;
  const timers = new TimerScheduler(
    timerClock,
    applyAtZero({
      collab,
      boards,
      audit,
      clock: timerClock,
      claim:
        cluster && options.redis
          ? redisZeroClaim(cluster.redis, options.redis.prefix, (name) => cluster.leases.holds(name), logger)
          : soleInstanceClaim,
    }),
    logger,
  );
  collab.addHooks(timers.hooks());
  // Boards written in the old schema are converted as they load (before anyone is served them).
  collab.addHooks(boardSchemaHooks(logger));
  const projector = new ProposalProjector(db, collab, logger);
  const plans = new PlanService(db, projector, audit, new FundLedger(db), events);
  const proposals = new ProposalService(db, collab, boards, projector, audit, plans, events);
  const comments = new ProposalComments(db);
  const partners = new PartnerDirectory(db, audit);
  const funds = new FundService(db, partners, plans, audit, events);
  const ballots = new BallotBox(db, partners, audit, events);
  const originAllowed = makeOriginCheck(options.allowedOrigins ?? []);
  const authenticate = (req: http.IncomingMessage) => sessions.fromCookieHeader(req.headers.cookie);

  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', 1);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null },
      },
    }),
  );

  app.get('/api/health', async (_req, res) => {
    // 503 while the database does not answer (documents are then kept in memory: "degraded");
    // 200 "degraded" while a store is being retried or Redis is away.
    const dbUp = await pingDatabase(db);
    const status = !dbUp || collab.degraded || (cluster && !cluster.healthy) ? 'degraded' : 'ok';
    res.status(dbUp ? 200 : 503).json({ status });
  });

  const api = express.Router();
  api.use(express.json({ limit: LIMITS.httpBodyMaxBytes }));
  api.use(loadSession(sessions));
  api.use(csrfProtection(originAllowed));
  api.use(writeLimits(writeBudget));
  const deviceKeys = new DeviceKeys(options.secureCookies ?? false);
  api.use(
    authRoutes(db, sessions, organizations, signInLimits, deviceKeys, audit, options.joinsPerTenMinutes),
  );
  api.use(organizationRoutes(sessions, organizations, people));
  api.use(peopleRoutes(sessions, organizations, people, signInLimits));
  api.use(forumRoutes(forums));
  api.use(proposalRoutes(db, proposals, comments, plans, audit));
  api.use(planRoutes(plans, parsePlan));
  api.use(fundRoutes(funds, ballots, partners));
  api.use(() => {
    throw new HttpError(404, 'not_found', 'No such route.');
  });
  app.use('/api', api);

  // The built client: precompressed, hashed files immutable, index.html for every other page.
  if (options.clientDist) app.use(clientFiles(options.clientDist));

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof AppError) return res.status(error.status).json(error.toBody());
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413)
      return res.status(413).json({ error: { code: 'too_large', message: 'Request too large.' } });
    if (status === 400)
      return res.status(400).json({ error: { code: 'invalid', message: 'Malformed JSON.' } });
    // A charset or content encoding the body parser does not know.
    if (status === 415)
      return res
        .status(415)
        .json({ error: { code: 'invalid', message: 'Send JSON in UTF-8, uncompressed.' } });
    logger.error('request failed', { error: String(error) });
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  });

  const purgeTimer = setInterval(() => {
    sessions.purgeExpired().catch((error) => logger.warn('session purge failed', { error: String(error) }));
  }, 3600_000);
  purgeTimer.unref();

  const server = http.createServer(app);
  const yjs = new YjsTransport(
    collab,
    {
      authenticate,
      originAllowed,
      upgradeBudget: yjsUpgradeBudget,
      syncRequestBudget: yjsSyncRequestBudget,
      authorize: makeDocumentAccess(db, boards),
      relayAwareness: (docName, update) => cluster?.relay.publishAwareness(docName, update),
      // Proposals' structured fields are written by the clients: their updates keep its shape.
      // Boards show presence through socket.io; only proposals share awareness (who edits where).
      usesAwareness: (docName) => parseDocName(docName)?.kind.startsWith('proposal') ?? false,
      schemaFor: (docName) =>
        parseDocName(docName)?.kind === 'proposalFields' ? proposalFieldsProblem : null,
    },
    logger,
  );
  cluster?.connectTransport(yjs);
  const sockets = attachSocketServer(server, {
    authenticate,
    originAllowed,
    boards,
    intents,
    removals,
    proposals,
    pseudonyms,
    collab,
    planVisible: async (session, planId) => {
      if (session.kind !== 'account' || !session.organizationId) return false;
      const plan = await db.plans.findOne(
        { _id: planId, organizationId: session.organizationId },
        { projection: { _id: 1 } },
      );
      return plan !== null;
    },
    roundViewer: (session, roundId) => funds.roundViewer(session, roundId),
    eventBudget,
    logger,
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  events.on('proposal:changed', (id, what) => sockets.notifyProposal(id, what));
  events.on('proposal:access', (docName) => {
    void yjs.reauthorize(docName);
    cluster?.publishAccessChanged(docName);
  });
  events.on('proposal:access-elsewhere', (docName) => void yjs.reauthorize(docName));
  projector.onProjected((id) => sockets.notifyProposal(id, 'projection'));
  events.on('plan:changed', (planId) => sockets.notifyPlan(planId));
  events.on('round:changed', (roundId, what) => sockets.notifyRound(roundId, what));
  events.on('ballot:changed', (roundId, partnerId) => sockets.notifyRound(roundId, 'ballot', partnerId));
  // A session that ends or changes loses its live connections on every instance at once: the
  // client reconnects with what the session now is (or is refused).
  const endConnections = (sessionId: string) => {
    yjs.closeSession(sessionId);
    sockets.disconnectSession(sessionId);
  };
  events.on('session:ended', (id) => {
    endConnections(id);
    cluster?.publishSessionRevoked(id);
  });
  events.on('session:changed', (id) => {
    endConnections(id);
    cluster?.publishSessionChanged(id);
  });
  events.on('session:ended-elsewhere', (id) => {
    sessions.forget(id);
    endConnections(id);
  });
  events.on('session:changed-elsewhere', (id) => {
    sessions.expire(id);
    endConnections(id);
  });

  server.on('upgrade', (req, socket, head) => {
    if (yjs.handleUpgrade(req, socket, head)) return;
    if ((req.url ?? '').startsWith('/socket.io/')) return; // socket.io's own listener takes it
    refuseUpgrade(socket, 404, 'Not Found');
  });

  return {
    server,
    collab,
    projector,
    proposals,
    plans,
    funds,
    partners,
    organizations,
    people,
    sessions,
    yjs,
    cluster,
    timers,
    routes: listRoutes(api),
    async resumeInterrupted() {
      return {
        transitions: await proposals.resumePendingTransitions(),
        decisions: await funds.resumePendingDecisions(),
      };
    },
    crash() {
      clearInterval(purgeTimer);
      timers.close();
      collab.abandon();
      projector.close();
      cluster?.abandon();
      for (const ws of yjs.sockets()) ws.terminate();
      sockets.io.disconnectSockets(true);
      server.closeAllConnections();
      server.close();
    },
    async close() {
      clearInterval(purgeTimer);
      timers.close();
      await yjs.close();
      await sockets.close(); // also closes the HTTP server
      server.closeAllConnections();
      await collab.close();
      projector.close();
      await cluster?.close();
      mailer.close();
    },
  };
}
