import { useEffect, useState, useSyncExternalStore } from 'react';
import { boardDocName, moderationDocName } from '@cocon/shared';
import { createSocket } from '../api/socket';
import { BoardChannel, type ChannelSocket } from './boardChannel';
import { BoardStore } from './boardStore';
import { DocConnection } from './docConnection';
import { ModerationStore } from './moderationStore';

// The objects below are created once per mounted board page (the page is keyed by board id)
// and started/stopped by effects, so StrictMode's double mount is harmless.

export function useBoardChannel(boardId: string) {
  // The channel emits by event name with payloads typed at its `send` boundary, so it sees the
  // socket through its own narrow, untyped interface.
  const [channel] = useState(() => new BoardChannel(boardId, createSocket() as unknown as ChannelSocket));
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
