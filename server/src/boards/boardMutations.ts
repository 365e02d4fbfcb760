import * as Y from 'yjs';
import {
  LIMITS,
  MAX_IDEAS_PER_BOARD,
  boardMaps,
  checkBoardAction,
  checkVote,
  dotsUsedBy,
  moderationMap,
  reactionKey,
  readMeta,
  type BoardRole,
  type ClientEventData,
  type ClientEventResults,
  type CommentRecord,
  type ErrorCode,
  type GroupRecord,
  type TimerState,
} from '@cocon/shared';

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
function isAuthor(idea: Y.Map<unknown>, actor: Actor): boolean {
  const authorId = idea.get('authorId');
  return authorId === actor.id || authorId === anonymousKeyOf(actor, idea.get('id') as string);
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

function findIdea(doc: Y.Doc, ideaId: string, actor: Actor): Y.Map<unknown> | null {
  const idea = boardMaps(doc).ideas.get(ideaId);
  if (!idea) return null;
  // Hidden ideas do not exist for participants.
  if (idea.get('hidden') === true && actor.role !== 'facilitator') return null;
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
): MutationResult<ClientEventResults['idea:post']> {
  const refusal = denied(doc, actor, 'post');
  if (refusal) return refusal;
  const { ideas, meta } = boardMaps(doc);
  const existing = ideas.get(input.ideaId);
  if (existing) {
    // A retried post (offline queue, lost ack) is the same idea: answer as if new.
    return isAuthor(existing, actor) ? ok({ ideaId: input.ideaId }) : fail('conflict', 'This id is taken.');
  }
  if (input.anonymous && !readMeta(doc).allowAnonymous) {
    return fail('forbidden', 'Anonymous posting is not allowed on this board.');
  }
  if (ideas.size >= MAX_IDEAS_PER_BOARD) return fail('too_large', 'This board is full.');
  doc.transact(() => {
    const order = ((meta.get('ideaCounter') as number | undefined) ?? 0) + 1;
    meta.set('ideaCounter', order);
    const idea = new Y.Map<unknown>();
    idea.set('id', input.ideaId);
    idea.set('text', input.text);
    idea.set('authorId', input.anonymous ? anonymousKeyOf(actor, input.ideaId) : actor.id);
    idea.set('authorName', input.anonymous ? null : actor.name);
    idea.set('createdAt', now);
    idea.set('editedAt', null);
    idea.set('groupId', null);
    idea.set('hidden', false);
    idea.set('order', order);
    idea.set('reactions', new Y.Map<true>());
    idea.set('votes', new Y.Map<number>());
    idea.set('comments', new Y.Array<CommentRecord>());
    ideas.set(input.ideaId, idea);
  }, INTENT_ORIGIN);
  return ok({ ideaId: input.ideaId });
}

export function editIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:edit'>, now: number) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea || idea.get('hidden') === true) return notFound();
  if (!isAuthor(idea, actor)) return fail('forbidden', 'Only the author can edit this idea.');
  const refusal = denied(doc, actor, 'editOwn');
  if (refusal) return refusal;
  doc.transact(() => {
    idea.set('text', input.text);
    idea.set('editedAt', now);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

export function deleteIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:delete'>) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  if (actor.role !== 'facilitator') {
    if (!isAuthor(idea, actor)) return fail('forbidden', 'Only the author can delete this idea.');
    const refusal = denied(doc, actor, 'deleteOwn');
    if (refusal) return refusal;
  }
  const { ideas, meta } = boardMaps(doc);
  doc.transact(() => {
    ideas.delete(input.ideaId);
    if (meta.get('spotlightIdeaId') === input.ideaId) meta.set('spotlightIdeaId', null);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

export function reactToIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:react'>) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  const refusal = denied(doc, actor, 'react');
  if (refusal) return refusal;
  const reactions = idea.get('reactions') as Y.Map<true>;
  const key = reactionKey(input.reaction, actor.id);
  if (input.on === reactions.has(key)) return ok(undefined);
  doc.transact(() => {
    if (input.on) reactions.set(key, true);
    else reactions.delete(key);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

export function voteOnIdea(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'idea:vote'>,
): MutationResult<ClientEventResults['idea:vote']> {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  // Voting is the participants' act: facilitators vote under the same rules.
  const meta = readMeta(doc);
  if (actor.role !== 'facilitator' || meta.phase !== 'vote') {
    const refusal = denied(doc, { ...actor, role: 'participant' }, 'vote');
    if (refusal) return refusal;
  }
  const votes = idea.get('votes') as Y.Map<number>;
  const used = dotsUsedBy(doc, actor.id);
  const onIdea = votes.get(actor.id) ?? 0;
  const refusal = checkVote(meta.dotsPerParticipant, used, onIdea, input.delta);
  if (refusal) {
    return fail(
      refusal,
      refusal === 'no_dots_left' ? 'You have no dots left.' : 'There is no dot to remove here.',
    );
  }
  doc.transact(() => {
    const next = onIdea + input.delta;
    if (next === 0) votes.delete(actor.id);
    else votes.set(actor.id, next);
  }, INTENT_ORIGIN);
  return ok({ dotsLeft: meta.dotsPerParticipant - used - input.delta });
}

export function groupIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'idea:group'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  if (input.groupId !== null && !boardMaps(doc).groups.has(input.groupId)) {
    return fail('not_found', 'This cluster does not exist.');
  }
  doc.transact(() => idea.set('groupId', input.groupId), INTENT_ORIGIN);
  return ok(undefined);
}

export function addComment(
  doc: Y.Doc,
  actor: Actor,
  input: ClientEventData<'comment:add'>,
  now: number,
): MutationResult<ClientEventResults['comment:add']> {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea || idea.get('hidden') === true) return notFound();
  const refusal = denied(doc, actor, 'comment');
  if (refusal) return refusal;
  const comments = idea.get('comments') as Y.Array<CommentRecord>;
  const existing = comments.toArray().find((c) => c.id === input.commentId);
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
  doc.transact(() => comments.push([comment]), INTENT_ORIGIN);
  return ok({ commentId: input.commentId });
}

export function deleteComment(doc: Y.Doc, actor: Actor, input: ClientEventData<'comment:delete'>) {
  const idea = findIdea(doc, input.ideaId, actor);
  if (!idea) return notFound();
  const comments = idea.get('comments') as Y.Array<CommentRecord>;
  const index = comments.toArray().findIndex((c) => c.id === input.commentId);
  if (index < 0) return fail('not_found', 'This comment does not exist.');
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
  if (!idea) return notFound();
  if (idea.get('hidden') === true) return ok(undefined);
  const comments = idea.get('comments') as Y.Array<CommentRecord>;
  const reactions = idea.get('reactions') as Y.Map<true> | undefined;
  const votes = idea.get('votes') as Y.Map<number> | undefined;
  moderation.transact(() => {
    moderationMap(moderation).set(input.ideaId, {
      text: idea.get('text') as string,
      comments: comments.toArray(),
      reason: input.reason,
      hiddenById: actor.id,
      hiddenByName: actor.name,
      hiddenAt: now,
      authorName: (idea.get('authorName') as string | null | undefined) ?? null,
      reactions: reactions ? [...reactions.keys()] : [],
    });
  }, INTENT_ORIGIN);
  const { meta } = boardMaps(board);
  board.transact(() => {
    idea.set('hidden', true);
    idea.set('text', '');
    // The tombstone says nothing of who wrote it or how it was received; the dots placed on it
    // go back to the people who placed them (they are not given back on restore).
    idea.set('authorName', null);
    reactions?.clear();
    votes?.clear();
    comments.delete(0, comments.length);
    if (meta.get('spotlightIdeaId') === input.ideaId) meta.set('spotlightIdeaId', null);
  }, INTENT_ORIGIN);
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
  if (idea.get('hidden') !== true) return ok(undefined);
  const hidden = moderationMap(moderation);
  const record = hidden.get(input.ideaId);
  board.transact(() => {
    idea.set('text', record?.text ?? '');
    idea.set('hidden', false);
    if (record && record.authorName !== undefined) idea.set('authorName', record.authorName);
    const reactions = idea.get('reactions') as Y.Map<true> | undefined;
    for (const key of record?.reactions ?? []) reactions?.set(key, true);
    if (record?.comments.length) (idea.get('comments') as Y.Array<CommentRecord>).push(record.comments);
  }, INTENT_ORIGIN);
  moderation.transact(() => hidden.delete(input.ideaId), INTENT_ORIGIN);
  return ok(undefined);
}

export function updateSettings(doc: Y.Doc, actor: Actor, input: ClientEventData<'board:settings'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { meta } = boardMaps(doc);
  doc.transact(() => {
    if (input.phase !== undefined) meta.set('phase', input.phase);
    if (input.locked !== undefined) meta.set('locked', input.locked);
    if (input.dotsPerParticipant !== undefined) meta.set('dotsPerParticipant', input.dotsPerParticipant);
    if (input.allowAnonymous !== undefined) meta.set('allowAnonymous', input.allowAnonymous);
    if (input.title !== undefined) meta.set('title', input.title);
  }, INTENT_ORIGIN);
  return ok(undefined);
}

export function controlTimer(doc: Y.Doc, actor: Actor, input: ClientEventData<'board:timer'>, now: number) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  const { meta } = boardMaps(doc);
  const timer = readMeta(doc).timer;
  let next: TimerState | null;
  switch (input.action) {
    case 'start':
      next = { endsAt: now + input.seconds * 1000, remainingMs: null, durationMs: input.seconds * 1000 };
      break;
    case 'pause':
      if (!timer || timer.endsAt === null) return ok(undefined);
      next = { ...timer, endsAt: null, remainingMs: Math.max(0, timer.endsAt - now) };
      break;
    case 'resume':
      if (!timer || timer.endsAt !== null) return ok(undefined);
      next = { ...timer, endsAt: now + (timer.remainingMs ?? 0), remainingMs: null };
      break;
    case 'clear':
      next = null;
      break;
  }
  doc.transact(() => meta.set('timer', next), INTENT_ORIGIN);
  return ok(undefined);
}

export function spotlightIdea(doc: Y.Doc, actor: Actor, input: ClientEventData<'board:spotlight'>) {
  if (actor.role !== 'facilitator') return facilitatorsOnly();
  if (input.ideaId !== null) {
    const idea = findIdea(doc, input.ideaId, actor);
    if (!idea || idea.get('hidden') === true) return notFound();
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
    ideas.forEach((idea) => {
      if (idea.get('groupId') === input.groupId) idea.set('groupId', null);
    });
  }, INTENT_ORIGIN);
  return ok(undefined);
}
