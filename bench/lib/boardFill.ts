import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { boardDocName, newId, type Ack } from '@cocon/shared';
import { WireClient } from './yjsWire.js';
import { guestCookie } from './participants.js';
import { pool, type ScenarioContext } from './scenario.js';

/** Intents one session may send at once (the socket.io burst per session is 40). */
const POSTS_PER_AUTHOR = 40;
const IDEA_TEXT_LENGTH = 480;
/** What one idea of 480 characters adds to the encoded board, about (measured after each round). */
const FIRST_GUESS_BYTES_PER_IDEA = 830;

const ideaText = (i: number) =>
  `Idée de remplissage ${i} : ${'une proposition détaillée pour le quartier, avec ses raisons. '.repeat(10)}`.slice(
    0,
    IDEA_TEXT_LENGTH,
  );

/** The board's document as a new reader receives it: its encoded size and its ideas. */
export async function measureBoard(
  ctx: ScenarioContext,
  boardId: string,
  cookie: string | undefined,
): Promise<{ bytes: number; ideas: number }> {
  const doc = new Y.Doc();
  const reader = new WireClient(`${ctx.target.yjsUrl}/${boardDocName(boardId)}`, { cookie, doc });
  await reader.whenSynced();
  reader.close();
  const measured = { bytes: Y.encodeStateAsUpdate(doc).byteLength, ideas: doc.getMap('ideas').size };
  doc.destroy();
  return measured;
}

/**
 * Fills a board through intents until its encoded document reaches `targetBytes`: ideas of 480
 * characters posted by as many guest sessions as the per-session rate limit asks for, each
 * posting its burst and waiting for the acknowledgements. Resolves with what a new reader gets.
 */
export async function fillBoard(
  ctx: ScenarioContext,
  boardId: string,
  targetBytes: number,
): Promise<{ bytes: number; ideas: number }> {
  const readerCookie = await guestCookie(ctx, 'Lecteur du remplissage');
  let board = await measureBoard(ctx, boardId, readerCookie);
  let perIdea = FIRST_GUESS_BYTES_PER_IDEA;
  let posted = 0;
  for (let round = 0; board.bytes < targetBytes; round++) {
    if (round === 5) throw new Error(`the board stays at ${board.bytes} bytes after ${posted} posts`);
    const ideas = Math.max(1, Math.ceil((targetBytes - board.bytes) / perIdea));
    const authors = Math.ceil(ideas / POSTS_PER_AUTHOR);
    const refused = await pool(
      Array.from({ length: authors }, (_, a) => a),
      10,
      async (a) => {
        const cookie = await guestCookie(ctx, `Remplissage ${round}-${a}`);
        const socket = io(ctx.target.httpUrl, {
          path: '/socket.io',
          transports: ['websocket'],
          extraHeaders: { cookie: cookie ?? '' },
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const mine = Math.min(POSTS_PER_AUTHOR, ideas - a * POSTS_PER_AUTHOR);
        const acks = await Promise.all(
          Array.from(
            { length: mine },
            (_, i) =>
              new Promise<boolean>((resolve) =>
                socket.timeout(30_000).emit(
                  'idea:post',
                  {
                    boardId,
                    ideaId: newId(),
                    text: ideaText(posted + a * POSTS_PER_AUTHOR + i),
                    anonymous: false,
                  },
                  (error: Error | null, ack: Ack<unknown>) => resolve(!error && ack.ok),
                ),
              ),
          ),
        );
        socket.close();
        return acks.filter((ok) => !ok).length;
      },
    );
    const failed = refused.reduce((sum, n) => sum + n, 0);
    if (failed > 0) throw new Error(`${failed} of ${ideas} filling posts were refused`);
    const before = board;
    posted += ideas;
    board = await measureBoard(ctx, boardId, readerCookie);
    perIdea = Math.max(1, (board.bytes - before.bytes) / Math.max(1, board.ideas - before.ideas));
  }
  return board;
}
