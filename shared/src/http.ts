import { z } from 'zod';
import type { AccountRole, SessionKind } from './roles.js';
import { cleanGuestName, type GuestNameChange } from './guestNames.js';
import { idSchema } from './ids.js';
import { LIMITS } from './limits.js';
import type { TerritoryKind } from './organizations.js';

/** Bodies of the HTTP routes under /api, validated by the server. */

export const loginBody = z
  .object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(200) })
  .strict();

export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,12}$/, 'a join code has 4 to 12 letters or digits');

/** The name a guest asks for when joining, cleaned, then checked for its length. */
export const guestNameSchema = z
  .string()
  .max(LIMITS.displayNameMax * 4)
  .transform(cleanGuestName)
  .pipe(z.string().min(1).max(LIMITS.displayNameMax));

export const joinForumBody = z.object({ code: joinCodeSchema, displayName: guestNameSchema }).strict();

export const createForumBody = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleMax),
    description: z.string().trim().max(2000).default(''),
    boards: z.array(z.string().trim().min(1).max(LIMITS.titleMax)).max(20).default([]),
  })
  .strict();

export const createBoardBody = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleMax),
    communityId: idSchema.nullable().default(null),
  })
  .strict();

export type LoginBody = z.input<typeof loginBody>;
export type JoinForumBody = z.input<typeof joinForumBody>;
export type CreateForumBody = z.input<typeof createForumBody>;
export type CreateBoardBody = z.input<typeof createBoardBody>;

/** Responses. */

export interface SessionUser {
  id: string;
  kind: SessionKind;
  displayName: string;
  /** null for guests */
  role: AccountRole | null;
  email: string | null;
  /** For guests: the one forum the session opens. */
  forumId: string | null;
  /** The organisation the session acts in (null for an account that belongs to none yet). */
  organization: { id: string; slug: string; name: string } | null;
  /** May create organisations for other bodies. */
  platformOperator: boolean;
  language: 'fr' | 'en';
}

export interface SessionInfo {
  user: SessionUser | null;
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: string | null;
}

export interface BoardSummary {
  id: string;
  forumId: string;
  title: string;
  communityId: string | null;
  order: number;
}

export interface ForumSummary {
  id: string;
  title: string;
  description: string;
  /** Only facilitators see the join code. */
  joinCode: string | null;
  createdAt: string;
  boards: BoardSummary[];
}

export interface Territory {
  id: string;
  name: string;
  kind: TerritoryKind;
}
export interface Community {
  id: string;
  name: string;
  themes: string[];
  /** Whether the signed-in person is a member (members write its proposals). */
  isMember: boolean;
}

export interface JoinResult {
  session: SessionInfo;
  forumId: string;
  /**
   * For a guest, when `session.user.displayName` is not the name they typed: why (another guest
   * of the forum shows it, or their device keeps the name it had there). null otherwise.
   */
  nameChange: GuestNameChange | null;
}

export interface BoardDetail extends BoardSummary {
  forumTitle: string;
}

/** Every failed /api call answers `{ error: ApiError }` with a matching HTTP status. */
export const EXPORT_FORMATS = ['csv', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
