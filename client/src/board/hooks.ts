import { useEffect, useState, useSyncExternalStore } from 'react';
import { boardDocName, moderationDocName } from '@cocon/shared';
import { useSession } from '../api/session';
import { createSocket } from '../api/socket';
import { BoardChannel, type ChannelSocket } from './boardChannel';
import { Outbox, outboxKey } from './outbox';
import { idbOutboxStorage } from './outboxIdb';
import { BoardStore } from './boardStore';
import { DocConnection } from './docConnection';
import { ModerationStore } from './moderationStore';
import { MineStore } from './mineStore';

// The objects below are created once per mounted board page (the page is keyed by board id)
// and started/stopped by effects, so StrictMode's double mount is harmless.

export function useBoardChannel(boardId: string) {
  // The outbox is keyed by the session user, known once the session has loaded; the channel
  // starts at once and holds its intents until then.
  const { user, loading } = useSession();
  const [parts] = useState(() => {
    let resolveOutbox: (outbox: Outbox | null) => void = () => undefined;
    const outbox = new Promise<Outbox | null>((resolve) => {
      resolveOutbox = resolve;
    });
    // The channel emits by event name with payloads typed at its `send` boundary, so it sees
    // the socket through its own narrow, untyped interface.
    const socket = createSocket() as unknown as ChannelSocket;
    return { channel: new BoardChannel(boardId, socket, Date.now, outbox), resolveOutbox };
  });
  const userId = user?.id ?? null;
  useEffect(() => {
    if (loading) return;
    const storage = userId ? idbOutboxStorage() : null;
    // Only the first call counts: a promise resolves once.
    parts.resolveOutbox(storage && userId ? new Outbox(storage, outboxKey(userId, boardId)) : null);
  }, [parts, loading, userId, boardId]);
  const { channel } = parts;
  useEffect(() => {
    channel.start();
    return () => channel.stop();
  }, [channel]);
  const state = useSyncExternalStore(channel.subscribe, channel.getState);
  return { channel, state };
}

export function useBoardDoc(boardId: string, viewerId: string | null) {
  const [parts] = useState(() => {
    const store = new BoardStore();
    const connection = new DocConnection(boardDocName(boardId), (doc) => store.attach(doc));
    return { store, connection };
  });
  useEffect(() => {
    parts.connection.start();
    return () => {
      parts.connection.stop();
      parts.store.stop();
    };
  }, [parts]);
  useEffect(() => {
    parts.store.setViewer(viewerId);
  }, [parts, viewerId]);
  const board = useSyncExternalStore(parts.store.subscribe, parts.store.getSnapshot);
  const doc = useSyncExternalStore(parts.connection.subscribe, parts.connection.getState);
  return { board, doc };
}

/** The moderation document, opened only for facilitators. */
export function useModeration(boardId: string, enabled: boolean) {
  const [parts] = useState(() => {
    const store = new ModerationStore();
    const connection = new DocConnection(moderationDocName(boardId), (doc) => store.attach(doc));
    return { store, connection };
  });
  useEffect(() => {
    if (!enabled) return;
    parts.connection.start();
    return () => {
      parts.connection.stop();
      parts.store.stop();
    };
  }, [parts, enabled]);
  return useSyncExternalStore(parts.store.subscribe, parts.store.getSnapshot);
}

/**
 * My own things kept off the board (`board:mine`), asked for again whenever `key` changes
 * (a new join, the board's options, my hidden ideas) and when the page becomes visible, while
 * `wanted`.
 */
export function useMine(channel: BoardChannel, key: string, wanted: boolean) {
  const [store] = useState(
    () => new MineStore(() => channel.query('board:mine', { boardId: channel.boardId })),
  );
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  useEffect(() => {
    if (wanted) store.refresh();
  }, [store, key, wanted]);
  // Another tab or device of mine may have posted or voted meanwhile: ask again on coming back.
  useEffect(() => {
    if (!wanted) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') store.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store, wanted]);
  const mine = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, mine };
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
