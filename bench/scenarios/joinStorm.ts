import { boardDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { WireClient, markerIds, newMarker } from '../lib/yjsWire.js';
import { connectParticipant, guestCookie } from '../lib/participants.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/** 5. Join storm: 300 clients join a board holding 2,000 ideas within 10 s; time to synced. */
export async function joinStorm(ctx: ScenarioContext): Promise<ScenarioResult> {
  const ideas = scaled(2000, ctx.scale, 20);
  const joiners = scaled(300, ctx.scale, 3);
  const boardId = ctx.fixtures?.boardIds[1] ?? 'join-storm';
  // Fill the board: 50 authors post 40 ideas each (within each socket's burst allowance).
  const authors = await pool(
    Array.from({ length: Math.ceil(ideas / 40) }, (_, i) => i),
    10,
    async (i) => connectParticipant(ctx, boardId, await guestCookie(ctx, `Author ${i}`), () => undefined),
  );
  await Promise.all(authors.map((a) => a.wire.whenSynced()));
  for (let i = 0; i < ideas; i++) authors[i % authors.length]!.post(newMarker(), `Idée préparée ${i}`);
  // Wait until a fresh reader sees them all.
  // Ten joiners per guest at most: a person's new connections are limited (30 at once, then one a second).
  const cookies = await pool(
    Array.from({ length: Math.max(10, Math.ceil(joiners / 10)) }, (_, i) => i),
    5,
    (i) => guestCookie(ctx, `Joiner ${i}`),
  );
  for (;;) {
    let seen = 0;
    const probe = new WireClient(`${ctx.target.yjsUrl}/${boardDocName(boardId)}`, {
      cookie: cookies[0],
      onUpdate: (u) => (seen = Math.max(seen, new Set(markerIds(u)).size)),
    });
    await probe.whenSynced();
    probe.close();
    if (seen >= ideas) break;
    await sleep(500);
  }
  ctx.log(`  board holds ${ideas} ideas`);

  const latency = new Latency();
  let complete = 0;
  const spreadMs = 10_000 * Math.min(1, ctx.scale * 10);
  const clients = await Promise.all(
    Array.from({ length: joiners }, async (_, i) => {
      await sleep((i / joiners) * spreadMs);
      let ideasSeen = 0;
      const client = new WireClient(`${ctx.target.yjsUrl}/${boardDocName(boardId)}`, {
        cookie: cookies[i % cookies.length],
        onUpdate: (u) => (ideasSeen = Math.max(ideasSeen, new Set(markerIds(u)).size)),
      });
      await client.whenSynced();
      latency.recordMs(client.syncedAt - client.openedAt);
      if (ideasSeen >= ideas) complete += 1;
      return client;
    }),
  );
  clients.forEach((c) => c.close());
  authors.forEach((a) => a.close());
  const s = latency.summary();
  return {
    metrics: { ideas, joiners, p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max },
    lost: joiners - complete,
    converged: complete === joiners,
  };
}
