import { useEffect, useRef, useState } from 'react';
import type { PlanView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { createSocket } from '../api/socket';
import { useSerialFetch } from '../api/useSerialFetch';
import { errorCodeOf } from '../components/ErrorMessage';
import { planApi } from './api';

/**
 * Keeps the previous theme objects when a refetch brings them back unchanged, so memoized views
 * re-render only the themes that changed (a roll-up touches one theme of many).
 */
export function shareUnchanged(previous: PlanView | null, next: PlanView): PlanView {
  if (!previous || previous.id !== next.id) return next;
  const before = new Map(previous.themes.map((theme) => [theme.id, theme]));
  const themes = next.themes.map((theme) => {
    const old = before.get(theme.id);
    return old && JSON.stringify(old) === JSON.stringify(theme) ? old : theme;
  });
  return { ...next, themes };
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface PlanLive {
  plan: PlanView | null;
  error: ClientErrorCode | null;
  live: LiveStatus;
  /** When a live change last arrived (epoch ms), null until one does. */
  updatedAt: number | null;
  /** Refetches now (after a change made here, without waiting for the echo). */
  reload: () => void;
}

/**
 * One plan, kept fresh: GET /api/plans/:id, then 'plan:join' on every (re)connection of the
 * socket and a refetch on each 'plan:changed' (and after a reconnection, for what was missed).
 * Refetches never overlap: a change announced during a fetch triggers one more fetch after it.
 */
export function usePlanLive(planId: string): PlanLive {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const loaded = useRef(false);
  const reload = useSerialFetch(
    () => planApi.get(planId),
    (next) => {
      if (loaded.current) setUpdatedAt(Date.now());
      loaded.current = true;
      setPlan((previous) => shareUnchanged(previous, next));
      setError(null);
    },
    (err) => setError(errorCodeOf(err)),
  );

  useEffect(() => {
    let alive = true;
    reload();
    const socket = createSocket();
    let connectedOnce = false;
    socket.on('connect', () => {
      socket.emit('plan:join', { planId }, (ack) => {
        if (!alive) return;
        setLive(ack.ok ? 'live' : 'offline');
      });
      if (connectedOnce) reload();
      connectedOnce = true;
    });
    socket.on('disconnect', () => {
      if (alive) setLive('offline');
    });
    socket.on('connect_error', () => {
      if (alive) setLive('offline');
    });
    socket.on('plan:changed', (payload) => {
      if (payload.planId === planId) reload();
    });
    socket.connect();
    return () => {
      alive = false;
      socket.off();
      socket.disconnect();
    };
  }, [planId, reload]);

  return { plan, error, live, updatedAt, reload };
}
