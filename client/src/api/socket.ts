import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@cocon/shared';

export type CoconSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One socket per open board page; the session cookie authenticates it (same origin). */
export function createSocket(): CoconSocket {
  return io({
    path: '/socket.io',
    withCredentials: true,
    // WebSocket first (cheaper for hundreds of phones), long-polling when a network blocks it.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelayMax: 5000,
    autoConnect: false,
  });
}
