import * as Y from 'yjs';
import { proposalFieldsDocName } from '@cocon/shared';
import { Binary } from 'mongodb';
import { median } from '../lib/histogram.js';
import { WireClient } from '../lib/yjsWire.js';
import { loginWriter } from '../lib/fixtures.js';
import { scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/**
 * 4. Cold load from MongoDB of a document with 10,000 updates in its history: the time from the
 * WebSocket opening to the synced document, while the document is not in memory. The first load
 * replays the 10,000 log entries one by one and compacts them into a snapshot; the later loads
 * read snapshot + tail, which is what every cold load costs in steady state. Our server only:
 * the relay keeps nothing.
 */
export async function coldLoad(ctx: ScenarioContext): Promise<ScenarioResult> {
  if (!ctx.fixtures) return { metrics: {}, lost: 0, converged: true, note: 'the relay has no persistence' };
  const updates = scaled(10_000, ctx.scale, 50);
  const proposalId = ctx.fixtures.proposalIds.at(-1)!;
  const docName = proposalFieldsDocName(proposalId);
  // Write the history straight into the log, as 10,000 separate entries.
  const author = new Y.Doc();
  const entries: Uint8Array[] = [];
  author.on('update', (u: Uint8Array) => entries.push(u));
  const text = new Y.Text();
  author.getMap('fields').set('title', text);
  for (let i = entries.length; i < updates; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  for (let i = 0; i < entries.length; i += 500) {
    await ctx.fixtures.db.yjsUpdates.insertMany(
      entries.slice(i, i + 500).map((update, j) => ({
        docName,
        seq: i + j + 1,
        update: new Binary(update),
        bytes: update.byteLength,
        at: new Date(),
      })),
    );
  }
  const expected = text.toString();
  const cookie = await loginWriter(ctx.target.httpUrl, ctx.fixtures.writerEmails[0]!);

  const loadOnce = async () => {
    const doc = new Y.Doc();
    const client = new WireClient(`${ctx.target.yjsUrl}/${docName}`, { cookie, doc });
    await client.whenSynced();
    const ms = client.syncedAt - client.openedAt;
    const ok = (doc.getMap('fields').get('title') as Y.Text | undefined)?.toString() === expected;
    client.close();
    doc.destroy();
    return { ms, ok };
  };
  const first = await loadOnce();
  const runs: number[] = [];
  let allOk = first.ok;
  for (let i = 0; i < 15; i++) {
    await sleep(1200); // past the unload grace period (200 ms) and the final store
    const run = await loadOnce();
    runs.push(run.ms);
    allOk &&= run.ok;
  }
  return {
    metrics: {
      historyUpdates: entries.length,
      firstLoadMs: first.ms,
      medianColdLoadMs: median(runs),
      maxColdLoadMs: Math.max(...runs),
    },
    lost: allOk ? 0 : 1,
    converged: allOk,
  };
}
