/**
 * A person's role in one organisation (a person may belong to several, with a role in each).
 * Guests are not accounts: they hold a session limited to one forum.
 */
export const ACCOUNT_ROLES = ['admin', 'facilitator', 'member', 'partner', 'reader'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export type SessionKind = 'account' | 'guest';

/** What a connection may do with one Yjs document. */
export type DocAccess = 'none' | 'read' | 'write';

/** A person's role on one board. */
export type BoardRole = 'facilitator' | 'participant';

export function isFacilitatorRole(role: AccountRole | null): boolean {
  return role === 'admin' || role === 'facilitator';
}
