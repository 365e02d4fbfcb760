import * as Y from 'yjs';
import { proposalFieldsDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { WireClient } from '../lib/yjsWire.js';
import { loginWriter } from '../lib/fixtures.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/** 2. Co-writing: 20 proposals, 10 writers each typing 5 keystrokes a second into one field. */
export async function coWriting(ctx: ScenarioContext): Promise<ScenarioResult> {
  const docs = scaled(20, ctx.scale, 1);
  const writersPerDoc = 10;
  const proposalIds =
    ctx.fixtures?.proposalIds.slice(0, docs) ?? Array.from({ length: docs }, (_, i) => `p${i}`);
  const cookies = ctx.fixtures
    ? await pool(ctx.fixtures.writerEmails, 5, (email) => loginWriter(ctx.target.httpUrl, email))
    : Array.from({ length: writersPerDoc }, () => undefined);
  const sentAt = new Map<string, number>();
  const latency = new Latency();
  let arrivals = 0;
  let keystrokes = 0;

  const groups = await pool(proposalIds, 4, async (proposalId) => {
    const url = `${ctx.target.yjsUrl}/${proposalFieldsDocName(proposalId)}`;
    const writers = cookies.map((cookie) => {
      const doc = new Y.Doc();
      const client = new WireClient(url, {
        cookie,
        doc,
        onUpdate: (update) => {
          const now = performance.now();
          const meta = Y.parseUpdateMeta(update);
          for (const [clientId, from] of meta.from) {
            // The relay echoes a writer's own updates back to it; those are not deliveries.
            if (clientId === doc.clientID) continue;
            const sent = sentAt.get(`${clientId}:${from}`);
            if (sent !== undefined) {
              arrivals += 1;
              latency.recordMs(now - sent);
            }
          }
        },
      });
      return { doc, client };
    });
    await Promise.all(writers.map((w) => w.client.whenSynced()));
    // The first writer creates the field; the others wait to see it.
    const first = writers[0]!;
    if (!first.doc.getMap('fields').has('title')) first.doc.getMap('fields').set('title', new Y.Text());
    while (writers.some((w) => !(w.doc.getMap('fields').get('title') instanceof Y.Text))) await sleep(20);
    return writers;
  });
  ctx.log(`  ${docs} documents x ${writersPerDoc} writers connected`);

  const all = groups.flat();
  const intervals = all.map(({ doc }) =>
    setInterval(() => {
      const text = doc.getMap('fields').get('title') as Y.Text;
      const clock = Y.getState(doc.store, doc.clientID);
      sentAt.set(`${doc.clientID}:${clock}`, performance.now());
      keystrokes += 1;
      text.insert(
        Math.floor(Math.random() * (text.length + 1)),
        String.fromCharCode(97 + Math.floor(Math.random() * 26)),
      );
    }, 200),
  );
  await sleep(ctx.durationMs);
  intervals.forEach(clearInterval);
  const expected = keystrokes * (writersPerDoc - 1);
  const deadline = Date.now() + 10_000;
  while (arrivals < expected && Date.now() < deadline) await sleep(100);
  const converged = groups.every((writers) => {
    const texts = writers.map((w) => (w.doc.getMap('fields').get('title') as Y.Text).toString());
    return texts.every((t) => t === texts[0]);
  });
  all.forEach(({ client, doc }) => {
    client.close();
    doc.destroy();
  });
  const s = latency.summary();
  return {
    metrics: {
      documents: docs,
      writers: all.length,
      keystrokes,
      p50Ms: s.p50,
      p90Ms: s.p90,
      p99Ms: s.p99,
      maxMs: s.max,
    },
    lost: expected - arrivals,
    converged,
  };
}
