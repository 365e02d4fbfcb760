import * as Y from 'yjs';
import {
  LIMITS,
  MAX_IDEAS_PER_BOARD,
  boardMaps,
  checkBoardAction,
  checkVote,
  dotsUsedBy,
  hiddenVoteKey,
  holdingMaps,
  moderationMap,
  parseHiddenVoteKey,
  reactionKey,
  readHeld,
  readHeldRecord,
  readMeta,
  ideaParts,
  readIdeaRecord,
  type IdeaRecord,
  canRunBoardTimer,
  timerZeroDue,
  PHASE_AFTER_VOTE,
  type TimerZeroAction,
  type BoardMeta,
  type BoardMine,
  type BoardRole,
  type HeldRecord,
  type HiddenRecord,
  type HoldReason,
  type ClientEventData,
  type ClientEventResults,
  type CommentRecord,
  type ErrorCode,
  type GroupRecord,
  type TimerState,
} from '@cocon/shared';
import { deleteIdeaEntry, ensurePart, nextIdeaOrder, patchIdea, writeIdea } from './boardSchema.js';

/**
 * The rules and effects of every board intent, as pure functions over Y.Docs. The server
 * checks who may do what here, then writes the board document; clients never write it.
 */

export interface Actor {
  /** The person's pseudonym on this board (see pseudonyms.ts). */
  id: string;
  name: string;
  role: BoardRole;
  /** The author key of an anonymous idea by this person; unlinkable to `id`. */
  anonymousKey?: (ideaId: string) => string;
}

const anonymousKeyOf = (actor: Actor, ideaId: string): string =>
  actor.anonymousKey ? actor.anonymousKey(ideaId) : `${actor.id}~${ideaId}`;

/** Whether `actor` wrote the idea, named or anonymously. */
function isAuthor(idea: IdeaRecord, actor: Actor): boolean {
  return wrote(actor, idea.authorId, idea.id);
}

function wrote(actor: Actor, authorId: unknown, ideaId: string): boolean {
  return authorId === actor.id || authorId === anonymousKeyOf(actor, ideaId);
}

/**
 * Where a new idea goes: onto the board (null) or held in the moderation document. Facilitators'
 * ideas always go onto the board; pre-moderation comes before private mode (approval first).
 */
export function holdReasonFor(
  meta: Pick<BoardMeta, 'privateMode' | 'premoderation'>,
  role: BoardRole,
): HoldReason | null {
  if (role === 'facilitator') return null;
  if (meta.premoderation) return 'premoderation';
  return meta.privateMode ? 'private' : null;
}

/**
 * Which intents need the moderation document, decided before it is opened. When this answers
 * false the mutation runs in the same turn as the check, so the board cannot change between them.
 */
export function needsModeration(
  board: Y.Doc,
  role: BoardRole,
  event: string,
  input: Readonly<Record<string, unknown>>,
): boolean {
  const meta = readMeta(board);
  const onBoard = typeof input.ideaId === 'string' && boardMaps(board).ideas.has(input.ideaId);
  switch (event) {
    case 'idea:post':
      // Once a board has held ideas, a retried post may be one of them: look there too.
      return holdReasonFor(meta, role) !== null || boardMaps(board).meta.get('holdingUsed') === true;
    case 'idea:edit':
      return !onBoard;
    case 'idea:delete':
      return !onBoard || meta.votesHidden;
    case 'idea:vote':
      return meta.votesHidden;
    case 'board:settings':
      return input.privateMode !== undefined || input.votesHidden !== undefined;
    default:
      return true;
  }
}

export type MutationResult<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

const ok = <T>(data: T): MutationResult<T> => ({ ok: true, data });
const fail = (code: ErrorCode, message: string): MutationResult<never> => ({ ok: false, code, message });

/** Origin given to every server-side board transaction. */
export const INTENT_ORIGIN = Symbol('intent');

/** Sets defaults on a new board document; leaves an existing one alone. */
export function initBoard(doc: Y.Doc, title: string): void {
  const { meta } = boardMaps(doc);
  if (meta.has('phase')) return;
  doc.transact(() => {
    meta.set('title', title);
    meta.set('phase', 'collect');
    meta.set('locked', false);
    meta.set('dotsPerParticipant', 5);
    meta.set('allowAnonymous', false);
    meta.set('timer', null);
    meta.set('spotlightIdeaId', null);
    meta.set('ideaCounter', 0);
  }, INTENT_ORIGIN);
}

function findIdea(doc: Y.Doc, ideaId: string, actor: Actor): IdeaRecord | null {
  const idea = readIdeaRecord(doc, ideaId);
  if (!idea) return null;
  // Hidden ideas do not exist for participants.
  if (idea.hidden === true && actor.role !== 'facilitator') return null;
  return idea;
}

const notFound = () => fail('not_found', 'This idea does not exist or was removed.');
const facilitatorsOnly = () => fail('forbidden', 'Only facilitators can do this.');

function denied(doc: Y.Doc, actor: Actor, action: Parameters<typeof checkBoardAction>[2]) {
  const code = checkBoardAction(actor.role, readMeta(doc), action);
  if (!code) return null;
  return fail(
    code,
    code === 'board_locked' ? 'The board is locked.' : 'The current phase does not allow this.',
  );
}

export function postIdea(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'idea:post'>,
  now: number,
  /** Needed when the idea is to be held (see needsModeration). */
  moderation: Y.Doc | null = null,
): MutationResult<ClientEventResults['idea:post']> {
  const refusal = denied(doc, actor, 'post');
  if (refusal) return refusal;
  const { ideas } = boardMaps(doc);
  const existing = readIdeaRecord(doc, input.ideaId);
  if (existing) {
    // A retried post (offline queue, lost ack) is the same idea: answer as if new.
    return isAuthor(existing, actor)
      ? ok({ ideaId: input.ideaId, held: null })
      : fail('conflict', 'This id is taken.');
  }
  const held = moderation ? holdingMaps(moderation).held : null;
  const heldBefore = held ? readHeldRecord(held.get(input.ideaId)) : null;
  if (heldBefore) {
    return wrote(actor, heldBefore.authorId, input.ideaId)
      ? ok({ ideaId: input.ideaId, held: heldBefore.reason })
      : fail('conflict', 'This id is taken.');
  }
  const boardMeta = readMeta(doc);
  if (input.anonymous && !boardMeta.allowAnonymous) {
    return fail('forbidden', 'Anonymous posting is not allowed on this board.');
  }
  if (ideas.size + (held?.size ?? 0) >= MAX_IDEAS_PER_BOARD) return fail('too_large', 'This board is full.');
  const reason = holdReasonFor(boardMeta, actor.role);
  if (reason) {
    // Held where only facilitators (and, through board:mine, the author) can read it: nothing
    // of it reaches the board document, not even its order, until approved or revealed.
    if (!moderation || !held) throw new Error('postIdea: the moderation document is required');
    const counters = holdingMaps(moderation).counters;
    moderation.transact(() => {
      const seq = ((counters.get('held') as number | undefined) ?? 0) + 1;
      counters.set('held', seq);
      const record: HeldRecord = {
        id: input.ideaId,
        text: input.text,
        authorId: input.anonymous ? anonymousKeyOf(actor, input.ideaId) : actor.id,
        authorName: input.anonymous ? null : actor.name,
        createdAt: now,
        editedAt: null,
        reason,
        seq,
      };
      held.set(input.ideaId, record);
    }, INTENT_ORIGIN);
    return ok({ ideaId: input.ideaId, held: reason });
  }
  // One plain record: its reactions, votes and comments get their structures when first used.
  doc.transact(() => {
    writeIdea(doc, {
      id: input.ideaId,
      text: input.text,
      authorId: input.anonymous ? anonymousKeyOf(actor, input.ideaId) : actor.id,
      authorName: input.anonymous ? null : actor.name,
      createdAt: now,
      order: nextIdeaOrder(doc),
    });
  }, INTENT_ORIGIN);
  return ok({ ideaId: input.ideaId, held: null });
}

/** Writes held ideas onto the board in their posting order, after the ideas already there. */
function publishHeld(board: Y.Doc, records: readonly HeldRecord[], hidden = false): void {
  const { ideas } = boardMaps(board);
  let order = nextIdeaOrder(board);
  for (const record of records) {
    if (ideas.has(record.id)) continue;
    writeIdea(board, {
      id: record.id,
      text: record.text,
      authorId: record.authorId,
      authorName: record.authorName,
      createdAt: record.createdAt,
      editedAt: record.editedAt,
      order: order++,
      hidden,
    });
  }
}

/** A held idea of this id, if there is one. */
function heldIdea(moderation: Y.Doc | null, ideaId: string): HeldRecord | null {
  return moderation ? readHeldRecord(holdingMaps(moderation).held.get(ideaId)) : null;
}

/** Approves ideas waiting for moderation: onto the board, or among the private ones in private mode. */
export function approveIdeas(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  input: ClientEventData<'mod:approve'>,
): MutationResult<ClientEventResults['mod:approve']> {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { held } = holdingMaps(moderation);
  const { ideas } = boardMaps(board);
  const privateMode = readMeta(board).privateMode;
  const wanted = new Set(input.ideaIds);
  const waiting = readHeld(moderation).filter((r) => wanted.has(r.id) && r.reason === 'premoderation');
  const toBoard = privateMode ? [] : waiting.filter((r) => !ideas.has(r.id));
  if (toBoard.length > 0) board.transact(() => publishHeld(board, toBoard), INTENT_ORIGIN);
  moderation.transact(() => {
    for (const record of waiting) {
      if (privateMode && !ideas.has(record.id)) held.set(record.id, { ...record, reason: 'private' });
      else held.delete(record.id);
    }
  }, INTENT_ORIGIN);
  return ok({ approved: waiting.map((r) => r.id) });
}

/** The reveal of private mode: every privately held idea onto the board in one transaction. */
function revealIdeas(board: Y.Doc, moderation: Y.Doc): number {
  const records = readHeld(moderation).filter((r) => r.reason === 'private');
  const { held } = holdingMaps(moderation);
  board.transact(() => {
    publishHeld(board, records);
    boardMaps(board).meta.set('privateMode', false);
  }, INTENT_ORIGIN);
  moderation.transact(() => {
    for (const record of records) held.delete(record.id);
  }, INTENT_ORIGIN);
  return records.length;
}

/** Hides the totals: the dots already on the board move to the moderation document. */
function hideVotes(board: Y.Doc, moderation: Y.Doc): void {
  const { ideas, meta } = boardMaps(board);
  const hiddenVotes = holdingMaps(moderation).votes;
  const ideaIds = [...ideas.keys()];
  moderation.transact(() => {
    for (const ideaId of ideaIds) {
      ideaParts(board, ideaId).votes?.forEach((dots, userId) => {
        if (typeof dots !== 'number') return;
        const key = hiddenVoteKey(ideaId, userId);
        const before = hiddenVotes.get(key);
        hiddenVotes.set(key, (typeof before === 'number' ? before : 0) + dots);
      });
    }
  }, INTENT_ORIGIN);
  board.transact(() => {
    for (const ideaId of ideaIds) {
      const votes = ideaParts(board, ideaId).votes;
      if (votes && votes.size > 0) votes.clear();
    }
    meta.set('votesHidden', true);
  }, INTENT_ORIGIN);
}

/** The reveal of the totals: every hidden dot is added to its idea on the board. */
function revealVotes(board: Y.Doc, moderation: Y.Doc): number {
  const { meta } = boardMaps(board);
  const hiddenVotes = holdingMaps(moderation).votes;
  let revealed = 0;
  board.transact(() => {
    hiddenVotes.forEach((dots, key) => {
      const parsed = parseHiddenVoteKey(key);
      if (!parsed || typeof dots !== 'number' || dots <= 0) return;
      const idea = readIdeaRecord(board, parsed.ideaId);
      if (!idea || idea.hidden === true) return;
      const votes = ensurePart(board, parsed.ideaId, 'votes');
      const before = votes.get(parsed.userId);
      votes.set(parsed.userId, (typeof before === 'number' ? before : 0) + dots);
      revealed += dots;
    });
    meta.set('votesHidden', false);
  }, INTENT_ORIGIN);
  moderation.transact(() => hiddenVotes.clear(), INTENT_ORIGIN);
  return revealed;
}

/** Forgets the hidden dots placed on one idea (it was deleted or hidden: the dots go back). */
function dropHiddenVotes(moderation: Y.Doc | null, ideaId: string): void {
  if (!moderation) return;
  const hiddenVotes = holdingMaps(moderation).votes;
  const keys = [...hiddenVotes.keys()].filter((key) => parseHiddenVoteKey(key)?.ideaId === ideaId);
  if (keys.length === 0) return;
  moderation.transact(() => keys.forEach((key) => hiddenVotes.delete(key)), INTENT_ORIGIN);
}

export function reveal(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  input: ClientEventData<'board:reveal'>,
): MutationResult<ClientEventResults['board:reveal']> {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  return ok({
    revealed: input.what === 'ideas' ? revealIdeas(board, moderation) : revealVotes(board, moderation),
  });
}

/** What only the viewer may see of their own: held ideas, hidden dots, why their ideas were hidden. */
export function readMine(board: Y.Doc, moderation: Y.Doc, actor: Actor): BoardMine {
  const held = readHeld(moderation)
    .filter((record) => wrote(actor, record.authorId, record.id))
    .map((record) => ({
      id: record.id,
      text: record.text,
      authorName: record.authorName,
      anonymous: record.authorId !== actor.id,
      createdAt: record.createdAt,
      editedAt: record.editedAt,
      reason: record.reason,
      seq: record.seq,
    }));
  const votes: Record<string, number> = {};
  holdingMaps(moderation).votes.forEach((dots, key) => {
    const parsed = parseHiddenVoteKey(key);
    if (parsed?.userId === actor.id && typeof dots === 'number' && dots > 0) votes[parsed.ideaId] = dots;
  });
  const hiddenRecords = moderationMap(moderation);
  const hidden: BoardMine['hidden'] = [];
  boardMaps(board).ideas.forEach((_value, ideaId) => {
    const idea = readIdeaRecord(board, ideaId);
    if (!idea || idea.hidden !== true || !isAuthor(idea, actor)) return;
    const record = hiddenRecords.get(ideaId) as Partial<HiddenRecord> | undefined;
    hidden.push({
      id: ideaId,
      text: typeof record?.text === 'string' ? record.text : '',
      reason: typeof record?.reason === 'string' ? record.reason : '',
      hiddenAt: typeof record?.hiddenAt === 'number' ? record.hiddenAt : 0,
    });
  });
  return { held, votes, hidden };
}

export function editIdea(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'idea:edit'>,
  now: number,
  moderation: Y.Doc | null = null,
) {
  const idea = findIdea(doc, input.ideaId, actor);
  const held = idea ? null : heldIdea(moderation, input.ideaId);
  if (held && moderation) {
    if (!wrote(actor, held.authorId, held.id)) return notFound();
    const refusal = denied(doc, actor, 'editOwn');
    if (refusal) return refusal;
    moderation.transact(
      () => holdingMaps(moderation).held.set(held.id, { ...held, text: input.text, editedAt: now }),
      INTENT_ORIGIN,
    );
    return ok(undefined);
  }
  if (!idea || idea.hidden === true) return notFound();
  if (!isAuthor(idea, actor)) return fail('forbidden', 'Only the author can edit this idea.');
  const refusal = denied(doc, actor, 'editOwn');
  if (refusal) return refusal;
  doc.transact(() => patchIdea(doc, idea.id, { text: input.text, editedAt: now }), INTENT_ORIGIN);
  return ok(undefined);
}

export function deleteIdea(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'idea:delete'>,
  moderation: Y.Doc | null = null,
) {
  const idea = findIdea(doc, input.ideaId, actor);
  const held = idea ? null : heldIdea(moderation, input.ideaId);
  if (held && moderation) {
    if (actor.role !== 'facilitator') {
      if (!wrote(actor, held.authorId, held.id)) return notFound();
      const refusal = denied(doc, actor, 'deleteOwn');
      if (refusal) return refusal;
    }
    moderation.transact(() => holdingMaps(moderation).held.delete(held.id), INTENT_ORIGIN);
    return ok(undefined);
  }
  if (!idea) return notFound();
  if (actor.role !== 'facilitator') {
    if (!isAuthor(idea, actor)) return fail('forbidden', 'Only the author can delete this idea.');
    const refusal = denied(doc, actor, 'deleteOwn');
    if (refusal) return refusal;
  }
  const { meta } = boardMaps(doc);
  doc.transact(() => {
    deleteIdeaEntry(doc, input.ideaId);
    if (meta.get('spotlightIdeaId') === input.ideaId) meta.set('spotlightIdeaId', null);
  }, INTENT_ORIGIN);
  dropHiddenVotes(moderation, input.ideaId);
  return ok(undefined);
}

export function reactToIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:react'>) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  const refusal = denied(doc, actor, 'react');
  if (refusal) return refusal;
  const key = reactionKey(input.reaction, actor.id);
  if (input.on === (ideaParts(doc, idea.id).reactions?.has(key) ?? false)) return ok(undefined);
  doc.transact(() => {
    if (input.on) ensurePart(doc, idea.id, 'reactions').set(key, true);
    else ideaParts(doc, idea.id).reactions?.delete(key);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

export function voteOnIdea(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'idea:vote'>,
  moderation: Y.Doc | null = null,
): MutationResult<ClientEventResults['idea:vote']> {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  // Voting is the participants' act: facilitators vote under the same rules.
  const meta = readMeta(doc);
  if (actor.role !== 'facilitator' || meta.phase !== 'vote') {
    const refusal = denied(doc, { ...actor, role: 'participant' }, 'vote');
    if (refusal) return refusal;
  }
  const votes = ideaParts(doc, idea.id).votes;
  const myDots = votes?.get(actor.id) ?? 0;
  // While totals are hidden, dots are counted in the moderation document, never on the board.
  const hiddenVotes = meta.votesHidden && moderation ? holdingMaps(moderation).votes : null;
  let hiddenUsed = 0;
  let hiddenOnIdea = 0;
  hiddenVotes?.forEach((dots, key) => {
    const parsed = parseHiddenVoteKey(key);
    if (parsed?.userId !== actor.id || typeof dots !== 'number') return;
    hiddenUsed += dots;
    if (parsed.ideaId === input.ideaId) hiddenOnIdea = dots;
  });
  const used = dotsUsedBy(doc, actor.id) + hiddenUsed;
  const onIdea = myDots + hiddenOnIdea;
  const refusal = checkVote(meta.dotsPerParticipant, used, onIdea, input.delta);
  if (refusal) {
    return fail(
      refusal,
      refusal === 'no_dots_left' ? 'You have no dots left.' : 'There is no dot to remove here.',
    );
  }
  if (hiddenVotes && moderation) {
    const key = hiddenVoteKey(input.ideaId, actor.id);
    // A dot placed before the totals were hidden is taken back from the board.
    const fromBoard = input.delta === -1 && hiddenOnIdea === 0;
    if (fromBoard) {
      doc.transact(() => {
        const next = myDots - 1;
        if (next <= 0) votes?.delete(actor.id);
        else votes?.set(actor.id, next);
      }, INTENT_ORIGIN);
    } else {
      moderation.transact(() => {
        const next = hiddenOnIdea + input.delta;
        if (next <= 0) hiddenVotes.delete(key);
        else hiddenVotes.set(key, next);
      }, INTENT_ORIGIN);
    }
  } else {
    doc.transact(() => {
      const next = myDots + input.delta;
      if (next <= 0) votes?.delete(actor.id);
      else ensurePart(doc, idea.id, 'votes').set(actor.id, next);
    }, INTENT_ORIGIN);
  }
  return ok({ dotsLeft: meta.dotsPerParticipant - used - input.delta, onIdea: onIdea + input.delta });
}

export function groupIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:group'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  if (input.groupId !== null && !boardMaps(doc).groups.has(input.groupId)) {
    return fail('not_found', 'This cluster does not exist.');
  }
  doc.transact(() => patchIdea(doc, idea.id, { groupId: input.groupId }), INTENT_ORIGIN);
  return ok(undefined);
}

export function addComment(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'comment:add'>,
  now: number,
): MutationResult<ClientEventResults['comment:add']> {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea || idea.hidden === true) return notFound();
  const refusal = denied(doc, actor, 'comment');
  if (refusal) return refusal;
  const comments = ideaParts(doc, idea.id).comments?.toArray() ?? [];
  const existing = comments.find((c) => c.id === input.commentId);
  if (existing) {
    return existing.authorId === actor.id
      ? ok({ commentId: input.commentId })
      : fail('conflict', 'This id is taken.');
  }
  if (comments.length >= LIMITS.commentsPerIdeaMax)
    return fail('too_large', 'This idea has too many comments.');
  const comment: CommentRecord = {
    id: input.commentId,
    text: input.text,
    authorId: actor.id,
    authorName: actor.name,
    createdAt: now,
  };
  doc.transact(() => ensurePart(doc, idea.id, 'comments').push([comment]), INTENT_ORIGIN);
  return ok({ commentId: input.commentId });
}

export function deleteComment(doc: Y.Doc, actor: Actor, input: ClientEventData<'comment:delete'>) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  const comments = ideaParts(doc, idea.id).comments;
  const index = comments?.toArray().findIndex((c) => c.id === input.commentId) ?? -1;
  if (!comments || index < 0) return fail('not_found', 'This comment does not exist.');
  if (actor.role !== 'facilitator' && comments.get(index).authorId !== actor.id) {
    return fail('forbidden', 'Only the author can delete this comment.');
  }
  // A locked board (or a phase without comments) holds its comments as they are.
  const refusal = denied(doc, actor, 'comment');
  if (refusal) return refusal;
  doc.transact(() => comments.delete(index, 1), INTENT_ORIGIN);
  return ok(undefined);
}

/** Moves the idea's text and comments into the facilitators-only moderation document. */
export function hideIdea(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  input: ClientEventData<'mod:hide'>,
  now: number,
) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const idea = findIdea(board, input.ideaId, actor);
  if (!idea) {
    const held = heldIdea(moderation, input.ideaId);
    return held ? rejectHeld(board, moderation, actor, held, input.reason, now) : notFound();
  }
  if (idea.hidden === true) return ok(undefined);
  dropHiddenVotes(moderation, input.ideaId);
  const { comments, reactions, votes } = ideaParts(board, input.ideaId);
  moderation.transact(() => {
    moderationMap(moderation).set(input.ideaId, {
      text: idea.text,
      comments: comments?.toArray() ?? [],
      reason: input.reason,
      hiddenById: actor.id,
      hiddenByName: actor.name,
      hiddenAt: now,
      authorName: idea.authorName,
      reactions: reactions ? [...reactions.keys()] : [],
    });
  }, INTENT_ORIGIN);
  const { meta, ideaExtras } = boardMaps(board);
  board.transact(() => {
    // The tombstone says nothing of who wrote it or how it was received; the dots placed on it
    // go back to the people who placed them (they are not given back on restore).
    patchIdea(board, idea.id, { hidden: true, text: '', authorName: null });
    if (ideaExtras.has(input.ideaId)) {
      ideaExtras.delete(input.ideaId);
    } else {
      // A board not converted yet: its parts are nested in the idea.
      reactions?.clear();
      votes?.clear();
      comments?.delete(0, comments.length);
    }
    if (meta.get('spotlightIdeaId') === input.ideaId) meta.set('spotlightIdeaId', null);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

/**
 * Refuses a held idea: it goes onto the board as a hidden tombstone (no text, no name; its author
 * key stays, so its author can learn it was hidden and why), its text into `hidden`, where
 * `mod:restore` can bring it back like any hidden idea.
 */
function rejectHeld(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  held: HeldRecord,
  reason: string,
  now: number,
): MutationResult<undefined> {
  moderation.transact(() => {
    moderationMap(moderation).set(held.id, {
      text: held.text,
      comments: [],
      reason,
      hiddenById: actor.id,
      hiddenByName: actor.name,
      hiddenAt: now,
      authorName: held.authorName,
      reactions: [],
    });
    holdingMaps(moderation).held.delete(held.id);
  }, INTENT_ORIGIN);
  board.transact(() => publishHeld(board, [{ ...held, text: '', authorName: null }], true), INTENT_ORIGIN);
  return ok(undefined);
}

export function restoreIdea(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  input: ClientEventData<'mod:restore'>,
) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const idea = findIdea(board, input.ideaId, actor);
  if (!idea) return notFound();
  if (idea.hidden !== true) return ok(undefined);
  const hidden = moderationMap(moderation);
  const record = hidden.get(input.ideaId);
  board.transact(() => {
    patchIdea(board, idea.id, {
      text: record?.text ?? '',
      hidden: false,
      ...(record && record.authorName !== undefined ? { authorName: record.authorName } : {}),
    });
    if (record?.reactions?.length) {
      const reactions = ensurePart(board, idea.id, 'reactions');
      for (const key of record.reactions) reactions.set(key, true);
    }
    if (record?.comments.length) ensurePart(board, idea.id, 'comments').push(record.comments);
  }, INTENT_ORIGIN);
  moderation.transact(() => hidden.delete(input.ideaId), INTENT_ORIGIN);
  return ok(undefined);
}

export function updateSettings(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'board:settings'>,
  moderation: Y.Doc | null = null,
) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { meta } = boardMaps(doc);
  const before = readMeta(doc);
  doc.transact(() => {
    if (input.phase !== undefined) meta.set('phase', input.phase);
    if (input.locked !== undefined) meta.set('locked', input.locked);
    if (input.dotsPerParticipant !== undefined) meta.set('dotsPerParticipant', input.dotsPerParticipant);
    if (input.allowAnonymous !== undefined) meta.set('allowAnonymous', input.allowAnonymous);
    if (input.title !== undefined) meta.set('title', input.title);
    if (input.premoderation !== undefined) meta.set('premoderation', input.premoderation);
    if (input.postingPaceSeconds !== undefined) meta.set('postingPaceSeconds', input.postingPaceSeconds);
    if (input.privateMode === true) meta.set('privateMode', true);
    if ((input.premoderation === true || input.privateMode === true) && meta.get('holdingUsed') !== true) {
      meta.set('holdingUsed', true);
    }
  }, INTENT_ORIGIN);
  if (input.privateMode === false || input.votesHidden !== undefined) {
    if (!moderation) throw new Error('updateSettings: the moderation document is required');
    // Ending private mode is the reveal; so is showing the totals again.
    if (input.privateMode === false) revealIdeas(doc, moderation);
    if (input.votesHidden === true && !before.votesHidden) hideVotes(doc, moderation);
    if (input.votesHidden === false) revealVotes(doc, moderation);
  }
  return ok(undefined);
}

export function controlTimer(doc: Y.Doc, actor: Actor, input: ClientEventData<'board:timer'>, now: number) {
  if (!canRunBoardTimer(actor.role)) return facilitatorsOnly();
  const { meta } = boardMaps(doc);
  const timer = readMeta(doc).timer;
  const over = timer !== null && timer.endsAt !== null && timer.endsAt <= now;
  let next: TimerState | null;
  switch (input.action) {
    case 'start': {
      const ms = input.seconds * 1000;
      next = { endsAt: now + ms, remainingMs: null, durationMs: ms, atZero: input.atZero, actedAt: null };
      break;
    }
    case 'pause':
      // Nothing to pause at zero.
      if (!timer || timer.endsAt === null || over) return ok(undefined);
      next = { ...timer, endsAt: null, remainingMs: Math.max(0, timer.endsAt - now) };
      break;
    case 'resume':
      if (!timer || timer.endsAt !== null) return ok(undefined);
      next = { ...timer, endsAt: now + (timer.remainingMs ?? 0), remainingMs: null };
      break;
    case 'add': {
      if (!timer) return fail('not_found', 'There is no countdown.');
      const ms = input.seconds * 1000;
      const remaining = timer.endsAt === null ? (timer.remainingMs ?? 0) : Math.max(0, timer.endsAt - now);
      const left = Math.min(remaining + ms, LIMITS.timerSecondsMax * 1000);
      // At zero this is a new countdown: its own zero acts again (what the last one did stays).
      next =
        timer.endsAt === null
          ? { ...timer, remainingMs: left, durationMs: Math.max(timer.durationMs, left) }
          : {
              ...timer,
              endsAt: now + left,
              durationMs: over ? left : Math.max(timer.durationMs, left),
              actedAt: null,
            };
      break;
    }
    case 'atZero':
      if (!timer) return fail('not_found', 'There is no countdown.');
      next = { ...timer, atZero: input.atZero };
      break;
    case 'clear':
      next = null;
      break;
  }
  doc.transact(() => meta.set('timer', next), INTENT_ORIGIN);
  return ok(undefined);
}

/** Whether the server still has to act on the countdown that reaches zero at `endsAt`. */
export function timerZeroPending(doc: Y.Doc, endsAt: number): boolean {
  return timerZeroDue(readMeta(doc).timer) === endsAt;
}

/**
 * What the countdown does at zero, applied once: only while the timer is still the one that was
 * scheduled (same `endsAt`, not acted on), in one transaction that also marks it acted on, so a
 * second instance or a late timer finds nothing left to do. Ending the vote moves the phase from
 * `vote` to PHASE_AFTER_VOTE; in another phase it changes nothing (the timer is marked all the same).
 */
export function timerAtZero(
  doc: Y.Doc,
  endsAt: number,
  now: number,
): { applied: TimerZeroAction; changed: boolean } | null {
  const { timer, phase, locked } = readMeta(doc);
  if (!timer || timerZeroDue(timer) !== endsAt || !timer.atZero) return null;
  const action = timer.atZero;
  const { meta } = boardMaps(doc);
  let changed = false;
  doc.transact(() => {
    if (action === 'lock' && !locked) {
      meta.set('locked', true);
      changed = true;
    }
    if (action === 'endVote' && phase === 'vote') {
      meta.set('phase', PHASE_AFTER_VOTE);
      changed = true;
    }
    meta.set('timer', { ...timer, actedAt: now });
  }, INTENT_ORIGIN);
  return { applied: action, changed };
}

export function spotlightIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'board:spotlight'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  if (input.ideaId !== null) {
    const idea = findIdea(doc, input.ideaId, actor);
    if (!idea || idea.hidden === true) return notFound();
  }
  doc.transact(() => boardMaps(doc).meta.set('spotlightIdeaId', input.ideaId), INTENT_ORIGIN);
  return ok(undefined);
}

export function createGroup(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'group:create'>,
): MutationResult<ClientEventResults['group:create']> {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { groups } = boardMaps(doc);
  if (groups.has(input.groupId)) return ok({ groupId: input.groupId });
  if (groups.size >= LIMITS.groupsPerBoardMax) return fail('too_large', 'This board has too many clusters.');
  const order = Math.max(0, ...[...groups.values()].map((g) => g.order)) + 1;
  const group: GroupRecord = { id: input.groupId, name: input.name, order };
  doc.transact(() => groups.set(input.groupId, group), INTENT_ORIGIN);
  return ok({ groupId: input.groupId });
}

export function renameGroup(doc: Y.Doc, actor: Actor, input: ClientEventData<'group:rename'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { groups } = boardMaps(doc);
  const group = groups.get(input.groupId);
  if (!group) return fail('not_found', 'This cluster does not exist.');
  doc.transact(() => groups.set(input.groupId, { ...group, name: input.name }), INTENT_ORIGIN);
  return ok(undefined);
}

export function deleteGroup(doc: Y.Doc, actor: Actor, input: ClientEventData<'group:delete'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { groups, ideas } = boardMaps(doc);
  if (!groups.has(input.groupId)) return ok(undefined);
  doc.transact(() => {
    groups.delete(input.groupId);
    ideas.forEach((_value, ideaId) => {
      if (readIdeaRecord(doc, ideaId)?.groupId === input.groupId) patchIdea(doc, ideaId, { groupId: null });
    });
  }, INTENT_ORIGIN);
  return ok(undefined);
}
