import { useEffect, useRef, useState } from 'react';
import type { RoundChangedPayload, RoundView } from '@cocon/shared';
import { createSocket } from '../api/socket';
import type { LiveStatus } from '../plan/usePlanLive';
import { fundApi } from './api';
import { useFetched, type Fetched } from './useFetched';

/** A change announced by the server; `seq` grows so panels can refetch on each one. */
export interface RoundChange extends Pick<RoundChangedPayload, 'what' | 'partnerId'> {
  seq: number;
}

export interface RoundLive {
  round: Fetched<RoundView>;
  live: LiveStatus;
  /** The last change announced ('status' after a reconnection: anything may have changed). */
  change: RoundChange | null;
}

/**
 * One round, kept fresh: GET /api/rounds/:id, then 'round:join' on every (re)connection and a
 * refetch of the round on each 'round:changed' (its status, partners who voted). Panels follow
 * `change` to refetch what they show (ballot, results, scenarios).
 */
export function useRoundLive(roundId: string): RoundLive {
  const round = useFetched(() => fundApi.round(roundId), roundId);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [change, setChange] = useState<RoundChange | null>(null);
  const seq = useRef(0);
  const reloadRound = round.reload;

  useEffect(() => {
    let alive = true;
    const announce = (what: RoundChange['what'], partnerId: string | null) => {
      seq.current += 1;
      setChange({ seq: seq.current, what, partnerId });
    };
    const socket = createSocket();
    let connectedOnce = false;
    socket.on('connect', () => {
      socket.emit('round:join', { roundId }, (ack) => {
        if (alive) setLive(ack.ok ? 'live' : 'offline');
      });
      if (connectedOnce) {
        reloadRound();
        announce('status', null);
      }
      connectedOnce = true;
    });
    socket.on('disconnect', () => alive && setLive('offline'));
    socket.on('connect_error', () => alive && setLive('offline'));
    socket.on('round:changed', (payload) => {
      if (payload.roundId !== roundId) return;
      reloadRound();
      announce(payload.what, payload.partnerId);
    });
    socket.connect();
    return () => {
      alive = false;
      socket.off();
      socket.disconnect();
    };
  }, [roundId, reloadRound]);

  return { round, live, change };
}
