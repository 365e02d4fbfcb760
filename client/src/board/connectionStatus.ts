import type { SocketStatus } from './boardChannel';
import type { DocStatus } from './docConnection';

export type ConnectionStatus = 'live' | 'reconnecting' | 'offline';

/**
 * One status for the two links a board needs: the Yjs document (what we see) and socket.io
 * (what we send). "Live" only when both are up; "offline" when the browser says so or both
 * links are down; "reconnecting" in between.
 */
export function connectionStatus(
  socket: SocketStatus,
  doc: DocStatus,
  browserOnline: boolean,
): ConnectionStatus {
  if (!browserOnline) return 'offline';
  if (socket === 'connected' && doc === 'connected') return 'live';
  if (socket === 'disconnected' && doc === 'disconnected') return 'offline';
  return 'reconnecting';
}
