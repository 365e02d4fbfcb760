import { boardDocName } from '@cocon/shared';
import { WireClient } from '../lib/yjsWire.js';
import { guestCookie } from '../lib/participants.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/** 3. 2,000 idle connections over 20 boards: the server's resident memory above idle. */
export async function idleConnections(ctx: ScenarioContext): Promise<ScenarioResult> {
  const count = scaled(2000, ctx.scale);
  const boards = ctx.fixtures?.boardIds.slice(0, 20) ?? Array.from({ length: 20 }, (_, i) => `idle-${i}`);
  // Twenty connections per guest: a person's new connections are limited (30 at once, then one a
  // second), as a venue's hundreds of phones are hundreds of guests.
  const people = Math.max(boards.length, Math.ceil(count / 20));
  const cookies = await pool(
    Array.from({ length: people }, (_, i) => i),
    5,
    (i) => guestCookie(ctx, `Idle ${i}`),
  );
  await sleep(1000);
  const idleRss = ctx.target.rssBytes();
  const clients = await pool(
    Array.from({ length: count }, (_, i) => i),
    100,
    async (i) => {
      const client = new WireClient(`${ctx.target.yjsUrl}/${boardDocName(boards[i % boards.length]!)}`, {
        cookie: cookies[i % people],
      });
      await client.whenSynced();
      return client;
    },
  );
  await sleep(3000);
  const loadedRss = ctx.target.rssBytes();
  const open = clients.filter((c) => c.ws.readyState === c.ws.OPEN).length;
  clients.forEach((c) => c.close());
  return {
    metrics: {
      connections: count,
      idleMB: idleRss / 2 ** 20,
      withConnectionsMB: loadedRss / 2 ** 20,
      aboveIdleMB: (loadedRss - idleRss) / 2 ** 20,
      perConnectionKB: (loadedRss - idleRss) / count / 1024,
    },
    lost: count - open,
    converged: open === count,
  };
}
