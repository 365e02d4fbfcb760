import { EventEmitter } from 'node:events';

/**
 * What the services announce, for whoever listens (the socket server, the Yjs transport, the
 * cluster): services receive this at construction and emit; app.ts subscribes once everything
 * exists. No service holds a callback field that someone must remember to set.
 */
export interface AppEventMap {
  /** A session was destroyed here (logout, deactivation, reset): its connections must end. */
  'session:ended': [sessionId: string];
  /** A session changed here (organisation, role, name): its connections reconnect. */
  'session:changed': [sessionId: string];
  /** Another instance ended or changed a session (through Redis). */
  'session:ended-elsewhere': [sessionId: string];
  'session:changed-elsewhere': [sessionId: string];
  'proposal:changed': [proposalId: string, what: 'status' | 'comments' | 'versions'];
  /** Who may write a proposal's document changed (a status moved): re-authorize its connections. */
  'proposal:access': [docName: string];
  /** The same, decided on another instance (through Redis): re-authorize this instance's connections. */
  'proposal:access-elsewhere': [docName: string];
  'plan:changed': [planId: string];
  'round:changed': [roundId: string, what: 'status' | 'scenarios'];
  'ballot:changed': [roundId: string, partnerId: string];
}

export class AppEvents {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof AppEventMap>(event: K, ...args: AppEventMap[K]): void {
    this.emitter.emit(event, ...args);
  }

  on<K extends keyof AppEventMap>(event: K, listener: (...args: AppEventMap[K]) => void): void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
  }
}
