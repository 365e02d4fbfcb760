import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ProposalChangedPayload } from '@cocon/shared';
import { createSocket, type CoconSocket } from '../api/socket';
import { ProposalDocs, type CollabUser } from './collab';

/** Opens the proposal's two documents for as long as the page shows it. */
export function useProposalDocs(proposalId: string, share: string | null, user: CollabUser) {
  const [docs] = useState(() => new ProposalDocs(proposalId, share, user));
  useEffect(() => {
    docs.start();
    return () => docs.stop();
  }, [docs]);
  const state = useSyncExternalStore(docs.subscribe, docs.getState);
  return { docs, state };
}

export type SocketState = 'connecting' | 'connected' | 'disconnected' | 'none';

/**
 * Follows the proposal's status, comments and versions over socket.io ('proposal:join').
 * Share links have no session, hence no socket: they read what the page loaded.
 */
export function useProposalEvents(
  proposalId: string,
  enabled: boolean,
  onChanged: (what: ProposalChangedPayload['what']) => void,
): SocketState {
  const [state, setState] = useState<SocketState>(enabled ? 'connecting' : 'none');
  const handler = useRef(onChanged);
  useEffect(() => {
    handler.current = onChanged;
  }, [onChanged]);

  useEffect(() => {
    if (!enabled) return;
    const socket: CoconSocket = createSocket();
    const join = () => {
      socket.emit('proposal:join', { proposalId }, (ack) => {
        setState(ack.ok ? 'connected' : 'disconnected');
        // Something may have changed while we were away.
        if (ack.ok) handler.current('status');
      });
    };
    socket.on('connect', join);
    socket.on('disconnect', () => setState('disconnected'));
    socket.on('connect_error', () => setState('disconnected'));
    socket.on('proposal:changed', (payload) => {
      if (payload.proposalId === proposalId) handler.current(payload.what);
    });
    socket.connect();
    return () => {
      if (socket.connected) socket.emit('proposal:leave', { proposalId }, () => {});
      socket.disconnect();
    };
  }, [proposalId, enabled]);
  return enabled ? state : 'none';
}
