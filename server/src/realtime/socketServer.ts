import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
  LIMITS,
  clientEventSchemas,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@cocon/shared';
import type { Session } from '../auth/sessions.js';
import { boardRoleFor, type BoardDirectory } from '../boards/boardAccess.js';
import { ROOM_EVENTS, type BoardIntents, type IntentName } from '../boards/boardIntents.js';
import type { ForumRemovals } from '../boards/forumRemovals.js';
import type { ProposalService } from '../proposals/proposalService.js';
import type { Pseudonyms } from '../boards/pseudonyms.js';
import type { CollabService } from '../collab/collabService.js';
import { boardDocName, boardMaps, readIdeaRecord } from '@cocon/shared';
import type { BudgetRate, PersonBudget } from '../util/personBudget.js';
import { zodIssues } from '../http/validation.js';
import type { Logger } from '../util/logger.js';

/** Travels with the socket, also to other instances (fetchSockets): plain data only. */
interface SocketData {
  session: Session;
}
/** What stays on this instance: the boards a socket follows. */
interface LocalState {
  boards: Set<string>;
}
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerDeps {
  authenticate(req: IncomingMessage): Promise<Session | null>;
  originAllowed(req: IncomingMessage): boolean;
  boards: BoardDirectory;
  intents: BoardIntents;
  /** Removes a guest from a forum (`participant:remove`). */
  removals: ForumRemovals;
  proposals: ProposalService;
  pseudonyms: Pseudonyms;
  collab: CollabService;
  /** Whether the session may follow this plan's changes (an account of the plan's organisation). */
  planVisible(session: Session, planId: string): Promise<boolean>;
  /** Who the session is in a fund round (null: no such round): facilitator, or which partner. */
  roundViewer(
    session: Session,
    roundId: string,
  ): Promise<{ facilitator: boolean; partnerId: string | null } | null>;
  /** Events per person (session), shared by all their sockets here and, with Redis, on every instance. */
  eventBudget: PersonBudget;
  logger: Logger;
  /** Several instances: the socket.io adapter that shares rooms and broadcasts through Redis. */
  adapter?: ServerOptions['adapter'];
}

/** The events one person may send: a burst of 40, then 10 a second. */
export const SOCKET_EVENT_BUDGET: BudgetRate = { burst: 40, perSecond: 10 };
const PRESENCE_NAMES_MAX = 100;
const PRESENCE_THROTTLE_MS = 300;
const roomOf = (boardId: string) => `board:${boardId}`;
const proposalRoom = (proposalId: string) => `proposal:${proposalId}`;
/** Everyone on a round; its facilitators (every ballot); one partner's representatives. */
const roundRoom = (roundId: string) => `round:${roundId}`;
const roundFacilitatorsRoom = (roundId: string) => `round:${roundId}:facilitators`;
const roundPartnerRoom = (roundId: string, partnerId: string) => `round:${roundId}:partner:${partnerId}`;

/**
 * socket.io for what is not a CRDT: board intents (validated, then applied to the document by
 * the server), presence counts. Every event is checked against its zod schema.
 */
export function attachSocketServer(httpServer: HttpServer, deps: SocketServerDeps) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: LIMITS.socketMessageMaxBytes,
      // The /yjs endpoint shares this HTTP server: leave upgrades that are not ours alone.
      destroyUpgrade: false,
      allowRequest: (req, callback) => callback(null, deps.originAllowed(req)),
      ...(deps.adapter ? { adapter: deps.adapter } : {}),
    },
  );

  const local = new Map<string, LocalState>();

  io.use((socket, next) => {
    deps
      .authenticate(socket.request)
      .then((session) => {
        if (!session) return next(new Error('unauthenticated'));
        socket.data.session = session;
        local.set(socket.id, { boards: new Set() });
        next();
      })
      .catch(() => next(new Error('unavailable')));
  });

  const presenceTimers = new Map<string, NodeJS.Timeout>();
  const schedulePresence = (boardId: string) => {
    if (presenceTimers.has(boardId)) return;
    presenceTimers.set(
      boardId,
      setTimeout(() => {
        presenceTimers.delete(boardId);
        broadcastPresence(boardId).catch((error: unknown) =>
          deps.logger.warn('presence count failed', { boardId, error: String(error) }),
        );
      }, PRESENCE_THROTTLE_MS),
    );
  };
  const broadcastPresence = async (boardId: string) => {
    const sockets = await io.in(roomOf(boardId)).fetchSockets();
    // One person with two tabs counts once.
    const people = new Map<string, string>();
    for (const s of sockets) people.set(s.data.session.userId, s.data.session.displayName);
    const names = [...people.values()].sort((a, b) => a.localeCompare(b, 'fr')).slice(0, PRESENCE_NAMES_MAX);
    io.to(roomOf(boardId)).emit('presence', { boardId, count: people.size, names });
  };

  // With several instances, counts also change when another instance's sockets come and go
  // (or it dies): refresh the boards that have people here every few seconds.
  const refreshTimer = deps.adapter
    ? setInterval(() => {
        for (const room of io.of('/').adapter.rooms.keys()) {
          if (room.startsWith('board:')) schedulePresence(room.slice('board:'.length));
        }
      }, 5_000)
    : null;
  refreshTimer?.unref();

  io.on('connection', (socket: AppSocket) => {
    const { session } = socket.data;
    const state = local.get(socket.id)!;

    const on = <E extends ClientEventName>(event: E, handler: (data: never) => Promise<Ack<unknown>>) => {
      socket.on(
        event as never,
        (async (payload: unknown, ack: unknown) => {
          if (typeof ack !== 'function') return; // every event needs an acknowledgement
          const reply = ack as (result: Ack<unknown>) => void;
          // Opening more sockets, here or on another instance, gives no more events.
          if (!(await deps.eventBudget.take(session._id))) {
            return reply({
              ok: false,
              error: { code: 'rate_limited', message: 'Too many actions; slow down.' },
            });
          }
          const parsed = clientEventSchemas[event].safeParse(payload);
          if (!parsed.success) {
            return reply({
              ok: false,
              error: { code: 'invalid', message: 'Invalid request.', issues: zodIssues(parsed.error) },
            });
          }
          try {
            reply(await handler(parsed.data as never));
          } catch (error) {
            deps.logger.error('socket event failed', { event, error: String(error) });
            reply({
              ok: false,
              error: { code: 'unavailable', message: 'The server could not do this now; try again.' },
            });
          }
        }) as never,
      );
    };

    on('board:join', async ({ boardId }: { boardId: string }) => {
      const board = await deps.boards.get(boardId);
      const role = board ? boardRoleFor(session, board) : null;
      if (!board || !role)
        return { ok: false, error: { code: 'not_found', message: 'This board does not exist.' } };
      await socket.join(roomOf(boardId));
      state.boards.add(boardId);
      schedulePresence(boardId);
      const userId = await deps.pseudonyms.boardKey(boardId, session.userId);
      const anonymousKey = await deps.pseudonyms.anonymousKeyFn(boardId, session.userId);
      const ownAnonymousIdeaIds = await deps.collab.withDocument(boardDocName(boardId), (managed) => {
        const own: string[] = [];
        boardMaps(managed.doc).ideas.forEach((_value, ideaId) => {
          const idea = readIdeaRecord(managed.doc, ideaId);
          if (idea?.authorName === null && idea.authorId === anonymousKey(ideaId)) own.push(ideaId);
        });
        return own;
      });
      return {
        ok: true,
        data: { role, userId, ownAnonymousIdeaIds, displayName: session.displayName, serverTime: Date.now() },
      };
    });

    on('board:mine', ({ boardId }: { boardId: string }) => deps.intents.mine(session, boardId));

    on('participant:remove', (input: { boardId: string; ideaId: string }) =>
      deps.removals.remove(session, input),
    );

    on('board:leave', async ({ boardId }: { boardId: string }) => {
      await socket.leave(roomOf(boardId));
      state.boards.delete(boardId);
      schedulePresence(boardId);
      return { ok: true, data: undefined };
    });

    on('proposal:join', async ({ proposalId }: { proposalId: string }) => {
      try {
        const { role } = await deps.proposals.access(session, proposalId);
        await socket.join(proposalRoom(proposalId));
        return { ok: true, data: { role } };
      } catch {
        return { ok: false, error: { code: 'not_found', message: 'This proposal does not exist.' } };
      }
    });

    on('proposal:leave', async ({ proposalId }: { proposalId: string }) => {
      await socket.leave(proposalRoom(proposalId));
      return { ok: true, data: undefined };
    });

    on('plan:join', async ({ planId }: { planId: string }) => {
      if (!(await deps.planVisible(session, planId))) {
        return { ok: false, error: { code: 'not_found', message: 'This plan does not exist.' } };
      }
      await socket.join(`plan:${planId}`);
      return { ok: true, data: undefined };
    });

    on('plan:leave', async ({ planId }: { planId: string }) => {
      await socket.leave(`plan:${planId}`);
      return { ok: true, data: undefined };
    });

    on('round:join', async ({ roundId }: { roundId: string }) => {
      if (session.kind !== 'account') {
        return { ok: false, error: { code: 'forbidden', message: 'Sign in with an account.' } };
      }
      const viewer = await deps.roundViewer(session, roundId);
      if (!viewer) return { ok: false, error: { code: 'not_found', message: 'This round does not exist.' } };
      await socket.join(roundRoom(roundId));
      if (viewer.facilitator) await socket.join(roundFacilitatorsRoom(roundId));
      if (viewer.partnerId) await socket.join(roundPartnerRoom(roundId, viewer.partnerId));
      return { ok: true, data: viewer };
    });

    on('round:leave', async ({ roundId }: { roundId: string }) => {
      for (const room of socket.rooms) {
        if (room === roundRoom(roundId) || room.startsWith(`${roundRoom(roundId)}:`))
          await socket.leave(room);
      }
      return { ok: true, data: undefined };
    });

    for (const event of Object.keys(clientEventSchemas) as ClientEventName[]) {
      if ((ROOM_EVENTS as readonly string[]).includes(event)) continue;
      on(event, (data: never) => deps.intents.apply(session, event as IntentName, data));
    }

    socket.on('disconnect', () => {
      for (const boardId of state.boards) schedulePresence(boardId);
      local.delete(socket.id);
    });
  });

  return {
    io,
    notifyPlan(planId: string) {
      io.to(`plan:${planId}`).emit('plan:changed', { planId });
    },
    notifyRound(roundId: string, what: 'ballot' | 'status' | 'scenarios', partnerId: string | null = null) {
      const payload = { roundId, what, partnerId };
      if (what === 'ballot' && partnerId) {
        io.to([roundFacilitatorsRoom(roundId), roundPartnerRoom(roundId, partnerId)]).emit(
          'round:changed',
          payload,
        );
      } else if (what === 'scenarios') {
        io.to(roundFacilitatorsRoom(roundId)).emit('round:changed', payload);
      } else {
        io.to(roundRoom(roundId)).emit('round:changed', payload);
      }
    },
    notifyProposal(proposalId: string, what: 'status' | 'comments' | 'versions' | 'projection') {
      io.to(proposalRoom(proposalId)).emit('proposal:changed', { proposalId, what });
    },
    /** Ends this instance's connections of a session that ended or changed. */
    disconnectSession(sessionId: string): void {
      for (const socket of io.of('/').sockets.values()) {
        if (socket.data.session._id === sessionId) socket.disconnect(true);
      }
    },
    async close() {
      if (refreshTimer) clearInterval(refreshTimer);
      for (const timer of presenceTimers.values()) clearTimeout(timer);
      presenceTimers.clear();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    },
  };
}
