import { z } from 'zod';
import { idSchema } from './ids.js';
import {
  PROPOSAL_ACTIONS,
  PROPOSAL_STATUSES,
  type ProposalAction,
  type ProposalStatus,
} from './proposalWorkflow.js';
import { TEXT_FRAGMENTS, type ProposalFieldsView, type TextFragmentName } from './proposal.js';

/** HTTP bodies and answers of /api/proposals. */

export const createProposalBody = z
  .object({
    communityId: idSchema,
    title: z.string().trim().min(1).max(200),
    theme: z.string().trim().max(200).default(''),
    /** Promote from a forum board: chosen ideas, or a whole cluster. */
    source: z
      .union([
        z.object({ boardId: idSchema, ideaIds: z.array(idSchema).min(1).max(200) }).strict(),
        z.object({ boardId: idSchema, groupId: idSchema }).strict(),
      ])
      .optional(),
  })
  .strict();

export const transitionBody = z
  .object({
    action: z.enum(PROPOSAL_ACTIONS),
    reason: z.string().trim().max(2000).default(''),
    /** On adoption: the plan it goes into (default: the organisation's current plan). */
    planId: idSchema.nullable().default(null),
  })
  .strict();

export const saveVersionBody = z.object({ name: z.string().trim().min(1).max(120) }).strict();

/** Relative positions are Yjs-encoded and base64'd by the client. */
const relativePosition = z.string().regex(/^[A-Za-z0-9+/=]{1,800}$/);

export const commentAnchorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), path: z.string().regex(/^[A-Za-z0-9_.-]{1,300}$/) }).strict(),
  z
    .object({
      kind: z.literal('text'),
      fragment: z.enum(TEXT_FRAGMENTS),
      start: relativePosition,
      end: relativePosition,
      quote: z.string().max(500),
    })
    .strict(),
]);

export const addCommentBody = z
  .object({ anchor: commentAnchorSchema, text: z.string().trim().min(1).max(2000) })
  .strict();
export const replyBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export const resolveBody = z.object({ resolved: z.boolean() }).strict();

export const listProposalsQuery = z
  .object({
    communityId: idSchema.optional(),
    theme: z.string().max(200).optional(),
    territory: idSchema.optional(),
    status: z.enum(PROPOSAL_STATUSES).optional(),
    q: z.string().max(200).optional(),
  })
  .strict();

export type CreateProposalBody = z.input<typeof createProposalBody>;
export type TransitionBody = z.input<typeof transitionBody>;
export type CommentAnchor = z.output<typeof commentAnchorSchema>;
export type AddCommentBody = z.input<typeof addCommentBody>;
export type ListProposalsQuery = z.input<typeof listProposalsQuery>;

export type ProposalRoleName = 'facilitator' | 'writer' | 'commenter' | 'reader';

export interface ProposalSummary {
  id: string;
  title: string;
  theme: string;
  communityId: string;
  status: ProposalStatus;
  territories: string[];
  statusChangedAt: string;
  projectedAt: string | null;
  sourceIdeaCount: number;
}

export interface ProposalDetail extends ProposalSummary {
  role: ProposalRoleName;
  availableActions: ProposalAction[];
  contentFrozen: boolean;
  sourceIdeas: { boardId: string; ideaId: string; text: string }[];
  /** Only for writers and facilitators. */
  shareToken: string | null;
}

export interface ProposalCommentView {
  id: string;
  anchor: CommentAnchor;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  resolved: boolean;
  resolvedBy: string | null;
  replies: { id: string; text: string; authorName: string; createdAt: string }[];
}

export interface ProposalVersionSummary {
  id: string;
  name: string;
  auto: boolean;
  status: ProposalStatus;
  createdByName: string;
  createdAt: string;
}

export interface ProposalVersionDetail extends ProposalVersionSummary {
  fields: ProposalFieldsView;
  text: Record<TextFragmentName, string>;
  /** Full Yjs states (base64) to open the version read-only in the editor. */
  textState: string;
  fieldsState: string;
}

export interface ProposalDiff {
  from: { id: string; name: string };
  to: { id: string; name: string };
  fields: {
    path: string;
    change: 'added' | 'removed' | 'changed';
    before: string | null;
    after: string | null;
  }[];
  text: { fragment: TextFragmentName; segments: { kind: 'same' | 'added' | 'removed'; text: string }[] }[];
}

export interface ProposalHistoryEntry {
  at: string;
  actorName: string;
  action: string;
  details: Record<string, string | number | boolean | null>;
}
