import * as Y from 'yjs';

/**
 * The idea board Yjs document. Only the server writes it (it applies validated intents);
 * clients hold it read-only and render it with `readBoard`.
 *
 *   meta:   Y.Map  { title, phase, locked, dotsPerParticipant, allowAnonymous,
 *                    timer: TimerState | null, spotlightIdeaId: string | null,
 *                    privateMode, votesHidden, premoderation (booleans; see below),
 *                    postingPaceSeconds (one idea per participant every N seconds; 0 or absent: none),
 *                    holdingUsed (server's: a held idea may exist, so retried posts look there) }
 *   ideas:  Y.Map<ideaId, IdeaRecord> each idea one plain value, written when posted:
 *             id, text, authorId, authorName (null when anonymous), createdAt, order (number,
 *             creation order), and only when set: editedAt, groupId (absent = ungrouped), hidden
 *             (true; a hidden idea's text is moved out to the moderation document)
 *   ideaEdits: Y.Map<"<ideaId>|<field>", value> later changes of text, editedAt, groupId, hidden
 *             and authorName, one key each so that changes made at once on two instances merge;
 *             a hidden idea shows no text and no name whatever an edit says
 *   ideaExtras: Y.Map<ideaId, Y.Map> created with an idea's first reaction, dot, comment or
 *             lineage link, each part created when first used:
 *             reactions: Y.Map<"<reaction>|<userId>", true>,
 *             votes:     Y.Map<userId, number of dots>,
 *             comments:  Y.Array<CommentRecord>
 *             proposals: Y.Map<proposalId, true> (lineage: proposals this idea fed)
 *   groups: Y.Map<groupId, GroupRecord>
 *
 * Boards written before this schema hold each idea as a Y.Map of those fields with the four parts
 * nested inside it; readers accept both, and the server converts a board when it loads it
 * (server/src/boards/boardSchema.ts).
 *
 * The moderation document (`board-moderation:<id>`, facilitators only):
 *   hidden: Y.Map<ideaId, HiddenRecord>
 *   held:   Y.Map<ideaId, HeldRecord>  ideas posted but not on the board yet: private mode (until
 *           the reveal) or pre-moderation (until approved); their authors read their own through
 *           the `board:mine` request, nobody else but facilitators
 *   votes:  Y.Map<"<ideaId>|<userId>", number of dots>  dots placed while totals are hidden
 *           (`votesHidden`); the reveal adds them into each idea's `votes`
 *   counters: Y.Map { held: number }  posting order of held ideas
 *
 * Limits: at most MAX_IDEAS_PER_BOARD ideas; see LIMITS for text sizes.
 */

export const MAX_IDEAS_PER_BOARD = 5000;

export const PHASES = ['collect', 'discuss', 'vote', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const REACTIONS = ['like', 'love', 'insight', 'question'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<Reaction, string> = {
  like: '👍',
  love: '❤️',
  insight: '💡',
  question: '❓',
};

/**
 * What the server does when a countdown reaches zero, as the facilitator chose: nothing, lock the
 * board, or end the vote (the phase goes from `vote` to `closed`; in any other phase nothing).
 */
export const TIMER_ZERO_ACTIONS = ['none', 'lock', 'endVote'] as const;
export type TimerZeroAction = (typeof TIMER_ZERO_ACTIONS)[number];
/** The phase a vote ends into (the one after `vote` in PHASES). */
export const PHASE_AFTER_VOTE: Phase = 'closed';

export interface TimerState {
  /** Epoch ms when the countdown reaches zero, or null when paused. */
  endsAt: number | null;
  /** Remaining ms while paused. */
  remainingMs: number | null;
  /** Total length, for progress display. */
  durationMs: number;
  /** What happens at zero (absent in timers written before it existed: nothing). */
  atZero?: TimerZeroAction;
  /** When the server applied `atZero` (once per countdown); null or absent until then. */
  actedAt?: number | null;
}

export interface BoardMeta {
  title: string;
  phase: Phase;
  locked: boolean;
  dotsPerParticipant: number;
  allowAnonymous: boolean;
  timer: TimerState | null;
  spotlightIdeaId: string | null;
  /** Participants' new ideas are held (seen by their author and facilitators) until the reveal. */
  privateMode: boolean;
  /** Dots are kept out of the board document (each person sees their own) until the reveal. */
  votesHidden: boolean;
  /** Participants' new ideas wait for a facilitator's approval. */
  premoderation: boolean;
  /** One idea per participant every N seconds (0: no pace); the server enforces it per person. */
  postingPaceSeconds: number;
}

export interface CommentRecord {
  id: string;
  text: string;
  authorId: string;
  authorName: string | null;
  createdAt: number;
}

export interface GroupRecord {
  id: string;
  name: string;
  order: number;
}

export interface HiddenRecord {
  text: string;
  /** The idea's comments travel with it, so participants cannot read them either. */
  comments: CommentRecord[];
  reason: string;
  hiddenById: string;
  hiddenByName: string;
  hiddenAt: number;
  /** The author's name and the reactions leave the public tombstone too (restored with the idea). */
  authorName?: string | null;
  reactions?: string[];
}

/** Why an idea is held off the board: private mode (until the reveal) or pre-moderation. */
export const HOLD_REASONS = ['private', 'premoderation'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** An idea held in the moderation document, not yet on the board. */
export interface HeldRecord {
  id: string;
  text: string;
  /** The author's pseudonym, or the anonymous key of the idea (as on the board). */
  authorId: string;
  authorName: string | null;
  createdAt: number;
  editedAt: number | null;
  reason: HoldReason;
  /** Posting order among held ideas (the reveal keeps it). */
  seq: number;
}

export interface IdeaView {
  id: string;
  text: string;
  authorId: string;
  authorName: string | null;
  createdAt: number;
  editedAt: number | null;
  groupId: string | null;
  hidden: boolean;
  order: number;
  /** count per reaction */
  reactions: Record<Reaction, number>;
  /** reactions given by `viewerId` */
  myReactions: Reaction[];
  votes: number;
  myVotes: number;
  comments: CommentRecord[];
  /** Proposals this idea fed (lineage, set by the server on promotion). */
  proposalIds: string[];
  /** Set on ideas not on the board yet (merged in from the moderation document or `board:mine`). */
  held?: HoldReason;
}

export interface BoardView {
  meta: BoardMeta;
  ideas: IdeaView[];
  groups: GroupRecord[];
}

export const DEFAULT_META: BoardMeta = {
  title: '',
  phase: 'collect',
  locked: false,
  dotsPerParticipant: 5,
  allowAnonymous: false,
  timer: null,
  spotlightIdeaId: null,
  privateMode: false,
  votesHidden: false,
  premoderation: false,
  postingPaceSeconds: 0,
};

export const boardMaps = (doc: Y.Doc) => ({
  meta: doc.getMap<unknown>('meta'),
  /** IdeaRecord values (or, in a board not converted yet, one Y.Map per idea). */
  ideas: doc.getMap<unknown>('ideas'),
  ideaExtras: doc.getMap<Y.Map<unknown>>('ideaExtras'),
  /** Later changes of an idea's fields, one key per idea and field (see EDITABLE_IDEA_FIELDS). */
  ideaEdits: doc.getMap<unknown>('ideaEdits'),
  groups: doc.getMap<GroupRecord>('groups'),
});

/**
 * The fields of an idea that change after it is posted. Each change is its own key of
 * `ideaEdits` ("<ideaId>|<field>"), not a rewrite of the record: two instances applying
 * different changes to one idea at the same moment (a facilitator moves it while its author
 * edits it) both keep theirs, where rewriting the record would keep only one.
 */
export const EDITABLE_IDEA_FIELDS = ['text', 'editedAt', 'groupId', 'hidden', 'authorName'] as const;
export type EditableIdeaField = (typeof EDITABLE_IDEA_FIELDS)[number];
export const ideaEditKey = (ideaId: string, field: EditableIdeaField): string => `${ideaId}|${field}`;

/** The idea a key of `ideaEdits` belongs to (ids never contain '|'). */
export function ideaIdOfEditKey(key: string): string {
  const bar = key.indexOf('|');
  return bar < 0 ? key : key.slice(0, bar);
}

/** A record with its later changes applied; a hidden idea shows no text and no name whatever came. */
function withEdits(record: IdeaRecord, edits: Y.Map<unknown>): IdeaRecord {
  const edited = { ...record };
  const text = edits.get(ideaEditKey(record.id, 'text'));
  if (typeof text === 'string') edited.text = text;
  const editedAt = edits.get(ideaEditKey(record.id, 'editedAt'));
  if (typeof editedAt === 'number') edited.editedAt = editedAt;
  const groupId = edits.get(ideaEditKey(record.id, 'groupId'));
  if (typeof groupId === 'string' || groupId === null) edited.groupId = groupId;
  const hidden = edits.get(ideaEditKey(record.id, 'hidden'));
  if (typeof hidden === 'boolean') edited.hidden = hidden;
  const authorName = edits.get(ideaEditKey(record.id, 'authorName'));
  if (typeof authorName === 'string' || authorName === null) edited.authorName = authorName;
  // A concurrent edit must not bring a hidden idea's text back (the moderation document has it).
  if (edited.hidden) {
    edited.text = '';
    edited.authorName = null;
  }
  return edited;
}

/**
 * An idea. As stored, its id is the key (left out of the value) and fields at their default (not
 * edited, ungrouped, visible) are left out.
 */
export interface IdeaRecord {
  id: string;
  text: string;
  authorId: string;
  authorName: string | null;
  createdAt: number;
  order: number;
  editedAt?: number | null;
  groupId?: string | null;
  hidden?: boolean;
}

/** The parts of an idea that grow with participation (each absent until first used). */
export const IDEA_PARTS = ['reactions', 'votes', 'comments', 'proposals'] as const;
export type IdeaPart = (typeof IDEA_PARTS)[number];
export interface IdeaParts {
  reactions?: Y.Map<true>;
  votes?: Y.Map<number>;
  comments?: Y.Array<CommentRecord>;
  proposals?: Y.Map<true>;
}

/** An idea's stored value (either shape) as a record, or null when it is not one. */
export function ideaRecordOf(value: unknown, ideaId: string): IdeaRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const get = (key: string): unknown =>
    value instanceof Y.Map ? value.get(key) : (value as Record<string, unknown>)[key];
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return {
    id: str(get('id')) ?? ideaId,
    text: str(get('text')) ?? '',
    authorId: str(get('authorId')) ?? '',
    authorName: str(get('authorName')),
    createdAt: num(get('createdAt')) ?? 0,
    order: num(get('order')) ?? 0,
    editedAt: num(get('editedAt')),
    groupId: str(get('groupId')),
    hidden: get('hidden') === true,
  };
}

/** One idea of a board as a record (either shape) with its later changes, or null. */
export function readIdeaRecord(doc: Y.Doc, ideaId: string): IdeaRecord | null {
  const { ideas, ideaEdits } = boardMaps(doc);
  const record = ideaRecordOf(ideas.get(ideaId), ideaId);
  return record && withEdits(record, ideaEdits);
}

/** An idea's reactions, votes, comments and lineage: in `ideaExtras`, or nested in an old-shape idea. */
export function ideaParts(doc: Y.Doc, ideaId: string): IdeaParts {
  const { ideas, ideaExtras } = boardMaps(doc);
  const parts: IdeaParts = {};
  for (const holder of [ideaExtras.get(ideaId), ideas.get(ideaId)]) {
    if (!(holder instanceof Y.Map)) continue;
    for (const part of IDEA_PARTS) {
      const value = holder.get(part);
      if (parts[part] !== undefined) continue;
      if (part === 'comments' ? value instanceof Y.Array : value instanceof Y.Map) {
        (parts as Record<string, unknown>)[part] = value;
      }
    }
  }
  return parts;
}

export const moderationMap = (doc: Y.Doc) => doc.getMap<HiddenRecord>('hidden');
/** Held ideas, hidden dots and counters of the moderation document (see the schema above). */
export const holdingMaps = (doc: Y.Doc) => ({
  held: doc.getMap<unknown>('held'),
  votes: doc.getMap<unknown>('votes'),
  counters: doc.getMap<unknown>('counters'),
});

/** Key of one person's hidden dots on one idea (ids and pseudonyms never contain '|'). */
export const hiddenVoteKey = (ideaId: string, userId: string): string => `${ideaId}|${userId}`;

export function parseHiddenVoteKey(key: string): { ideaId: string; userId: string } | null {
  const bar = key.indexOf('|');
  if (bar <= 0 || bar === key.length - 1) return null;
  return { ideaId: key.slice(0, bar), userId: key.slice(bar + 1) };
}

const isHoldReason = (value: unknown): value is HoldReason =>
  typeof value === 'string' && (HOLD_REASONS as readonly string[]).includes(value);

/** A held record as stored, or null when it is not one (readers never throw). */
export function readHeldRecord(value: unknown): HeldRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof r.text !== 'string' || typeof r.authorId !== 'string') return null;
  return {
    id: r.id,
    text: r.text,
    authorId: r.authorId,
    authorName: typeof r.authorName === 'string' ? r.authorName : null,
    createdAt: typeof r.createdAt === 'number' ? r.createdAt : 0,
    editedAt: typeof r.editedAt === 'number' ? r.editedAt : null,
    reason: isHoldReason(r.reason) ? r.reason : 'premoderation',
    seq: typeof r.seq === 'number' ? r.seq : 0,
  };
}

/** Every held idea of a moderation document, in posting order. */
export function readHeld(doc: Y.Doc): HeldRecord[] {
  const records: HeldRecord[] = [];
  holdingMaps(doc).held.forEach((value) => {
    const record = readHeldRecord(value);
    if (record) records.push(record);
  });
  return records.sort((a, b) => a.seq - b.seq || a.createdAt - b.createdAt);
}

/** Dots placed while totals are hidden: idea -> person -> dots (malformed entries skipped). */
export function readHiddenVotes(doc: Y.Doc): Map<string, Map<string, number>> {
  const byIdea = new Map<string, Map<string, number>>();
  holdingMaps(doc).votes.forEach((value, key) => {
    const parsed = parseHiddenVoteKey(key);
    if (!parsed || typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return;
    let people = byIdea.get(parsed.ideaId);
    if (!people) byIdea.set(parsed.ideaId, (people = new Map()));
    people.set(parsed.userId, value);
  });
  return byIdea;
}

export const reactionKey = (reaction: Reaction, userId: string): string => `${reaction}|${userId}`;

function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = boardMaps(doc).meta;
  const phase = meta.get('phase');
  const dots = meta.get('dotsPerParticipant');
  return {
    title: typeof meta.get('title') === 'string' ? (meta.get('title') as string) : '',
    phase: isPhase(phase) ? phase : DEFAULT_META.phase,
    locked: meta.get('locked') === true,
    dotsPerParticipant: typeof dots === 'number' ? dots : DEFAULT_META.dotsPerParticipant,
    allowAnonymous: meta.get('allowAnonymous') === true,
    timer: (meta.get('timer') as TimerState | null | undefined) ?? null,
    spotlightIdeaId: (meta.get('spotlightIdeaId') as string | null | undefined) ?? null,
    privateMode: meta.get('privateMode') === true,
    votesHidden: meta.get('votesHidden') === true,
    premoderation: meta.get('premoderation') === true,
    postingPaceSeconds:
      typeof meta.get('postingPaceSeconds') === 'number' ? (meta.get('postingPaceSeconds') as number) : 0,
  };
}

function emptyReactionCounts(): Record<Reaction, number> {
  return { like: 0, love: 0, insight: 0, question: 0 };
}

/** An idea stored in the old shape (a Y.Map with its parts nested), as the viewer sees it. */
export function readIdea(idea: Y.Map<unknown>, viewerId: string | null): IdeaView {
  const parts: IdeaParts = {};
  for (const part of IDEA_PARTS) {
    const value = idea.get(part);
    if (value instanceof Y.AbstractType) (parts as Record<string, unknown>)[part] = value;
  }
  return ideaView(ideaRecordOf(idea, '')!, parts, viewerId);
}

/** One idea of a board (either shape) as the viewer sees it, or null when there is none. */
export function readIdeaAt(doc: Y.Doc, ideaId: string, viewerId: string | null): IdeaView | null {
  const record = readIdeaRecord(doc, ideaId);
  return record ? ideaView(record, ideaParts(doc, ideaId), viewerId) : null;
}

function ideaView(record: IdeaRecord, parts: IdeaParts, viewerId: string | null): IdeaView {
  const reactions = emptyReactionCounts();
  const myReactions: Reaction[] = [];
  const reactionMap = parts.reactions;
  reactionMap?.forEach((_value, key) => {
    const [reaction, userId] = key.split('|') as [Reaction, string];
    if (reaction in reactions) {
      reactions[reaction] += 1;
      if (userId === viewerId) myReactions.push(reaction);
    }
  });
  let votes = 0;
  let myVotes = 0;
  parts.votes?.forEach((count, userId) => {
    if (typeof count !== 'number') return;
    votes += count;
    if (userId === viewerId) myVotes = count;
  });
  const comments = parts.comments?.toArray() ?? [];
  return {
    id: record.id,
    text: record.text,
    authorId: record.authorId,
    authorName: record.authorName,
    createdAt: record.createdAt,
    editedAt: record.editedAt ?? null,
    groupId: record.groupId ?? null,
    hidden: record.hidden === true,
    order: record.order,
    reactions,
    myReactions,
    votes,
    myVotes,
    comments,
    proposalIds: [...(parts.proposals?.keys() ?? [])],
  };
}

/** Plain snapshot of a board for rendering and export; ideas in creation order. */
export function readBoard(doc: Y.Doc, viewerId: string | null): BoardView {
  const { ideas, groups } = boardMaps(doc);
  const ideaViews: IdeaView[] = [];
  for (const ideaId of ideas.keys()) {
    const view = readIdeaAt(doc, ideaId, viewerId);
    if (view) ideaViews.push(view);
  }
  ideaViews.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
  const groupViews = [...groups.values()].sort((a, b) => a.order - b.order);
  return { meta: readMeta(doc), ideas: ideaViews, groups: groupViews };
}

/** Dots one participant has placed across the whole board. */
export function dotsUsedBy(doc: Y.Doc, userId: string): number {
  let used = 0;
  for (const ideaId of boardMaps(doc).ideas.keys()) {
    const dots = ideaParts(doc, ideaId).votes?.get(userId);
    used += typeof dots === 'number' ? dots : 0;
  }
  return used;
}

/**
 * The `endsAt` at which the server still has to act on this timer, or null: running, an action
 * other than nothing chosen, not acted on yet.
 */
export function timerZeroDue(timer: TimerState | null): number | null {
  if (!timer || timer.endsAt === null || typeof timer.endsAt !== 'number') return null;
  if (!timer.atZero || timer.atZero === 'none' || typeof timer.actedAt === 'number') return null;
  return timer.endsAt;
}

/** Remaining ms of a countdown at `now` (0 when over, null when there is no timer). */
export function timerRemainingMs(timer: TimerState | null, now: number): number | null {
  if (!timer) return null;
  if (timer.endsAt === null) return Math.max(0, timer.remainingMs ?? 0);
  return Math.max(0, timer.endsAt - now);
}
