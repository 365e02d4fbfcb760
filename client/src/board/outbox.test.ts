import { describe, expect, it } from 'vitest';
import { memoryOutboxStorage, Outbox, outboxKey, readEntries, type OutboxEntry } from './outbox';

const post = (id: string, ideaId: string): OutboxEntry => ({
  id,
  event: 'idea:post',
  payload: { boardId: 'board-1', ideaId, text: `Idée ${ideaId}` },
  attempted: false,
});

describe('Outbox', () => {
  it('keeps entries in the order they were added, once each', async () => {
    const outbox = new Outbox(memoryOutboxStorage(), outboxKey('u1', 'board-1'));
    await outbox.add(post('a', 'idea-a'));
    await outbox.add(post('b', 'idea-b'));
    await outbox.add(post('a', 'idea-a'));
    expect((await outbox.load()).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('removes an entry and records an attempt', async () => {
    const outbox = new Outbox(memoryOutboxStorage(), outboxKey('u1', 'board-1'));
    await outbox.add(post('a', 'idea-a'));
    await outbox.add({ ...post('b', 'idea-b'), event: 'idea:vote' });
    await outbox.markAttempted('b');
    await outbox.remove('a');
    expect(await outbox.load()).toMatchObject([{ id: 'b', attempted: true }]);
  });

  it('keeps one list per board and per session user in the same storage', async () => {
    const storage = memoryOutboxStorage();
    const mine = new Outbox(storage, outboxKey('u1', 'board-1'));
    await mine.add(post('a', 'idea-a'));
    expect(await new Outbox(storage, outboxKey('u2', 'board-1')).load()).toEqual([]);
    expect(await new Outbox(storage, outboxKey('u1', 'board-2')).load()).toEqual([]);
    expect(await new Outbox(storage, outboxKey('u1', 'board-1')).load()).toHaveLength(1);
  });

  it('survives a new Outbox over the same storage (a reloaded page)', async () => {
    const data = new Map<string, unknown>();
    await new Outbox(memoryOutboxStorage(data), 'k').add(post('a', 'idea-a'));
    expect(await new Outbox(memoryOutboxStorage(data), 'k').load()).toEqual([post('a', 'idea-a')]);
  });

  it('ignores what it does not recognise in storage', () => {
    expect(readEntries(undefined)).toEqual([]);
    expect(readEntries({ id: 'a' })).toEqual([]);
    expect(readEntries([post('a', 'idea-a'), { id: 'x' }, null, 'text'])).toEqual([post('a', 'idea-a')]);
  });
});
