import * as Y from 'yjs';
import {
  EDITABLE_IDEA_FIELDS,
  IDEA_PARTS,
  boardMaps,
  ideaEditKey,
  ideaParts,
  ideaRecordOf,
  parseDocName,
  readIdeaRecord,
  type CommentRecord,
  type EditableIdeaField,
  type IdeaPart,
  type IdeaRecord,
} from '@cocon/shared';
import type { DocumentHooks } from '../collab/collabService.js';
import type { Logger } from '../util/logger.js';

/**
 * How the server writes ideas into a board document (see the schema in shared/src/board.ts):
 * one plain record per idea with its default fields left out, and the parts that grow with
 * participation (reactions, votes, comments, lineage) created only when first used. A new idea
 * then costs about its text and its author, not four empty Yjs types.
 */

/** Origin of the conversion's transaction (not a person's intent). */
export const SCHEMA_ORIGIN = Symbol('board-schema');

/** The record as stored: its id (the key) and defaults (not edited, ungrouped, visible) left out. */
function compact(record: IdeaRecord): StoredIdea {
  const stored: StoredIdea = {
    text: record.text,
    authorId: record.authorId,
    authorName: record.authorName,
    createdAt: record.createdAt,
    order: record.order,
  };
  if (record.editedAt != null) stored.editedAt = record.editedAt;
  if (record.groupId != null) stored.groupId = record.groupId;
  if (record.hidden === true) stored.hidden = true;
  return stored;
}

type StoredIdea = Omit<IdeaRecord, 'id'>;

/** Drops the later changes of an idea (its record is written anew, or deleted). */
function clearEdits(doc: Y.Doc, ideaId: string): void {
  const { ideaEdits } = boardMaps(doc);
  for (const field of EDITABLE_IDEA_FIELDS) {
    const key = ideaEditKey(ideaId, field);
    if (ideaEdits.has(key)) ideaEdits.delete(key);
  }
}

/** Writes a whole idea, as posted or released (call inside the intent's transaction). */
export function writeIdea(doc: Y.Doc, record: IdeaRecord): void {
  clearEdits(doc, record.id);
  boardMaps(doc).ideas.set(record.id, compact(record));
}

type IdeaPatch = Partial<Pick<IdeaRecord, EditableIdeaField>>;

/**
 * Changes some fields of an idea; false when there is no such idea. Each changed field is its
 * own key of `ideaEdits` (see EDITABLE_IDEA_FIELDS): changes made on two instances at once merge.
 */
export function patchIdea(doc: Y.Doc, ideaId: string, patch: IdeaPatch): boolean {
  const record = readIdeaRecord(doc, ideaId);
  if (!record) return false;
  const { ideas, ideaEdits } = boardMaps(doc);
  const stored = ideas.get(ideaId);
  for (const field of EDITABLE_IDEA_FIELDS) {
    if (!(field in patch)) continue;
    const value = patch[field] ?? null;
    if ((record[field] ?? null) === value) continue;
    // A board not converted yet: change the field in place, its nested parts stay.
    if (stored instanceof Y.Map) stored.set(field, value);
    else ideaEdits.set(ideaEditKey(ideaId, field), value);
  }
  return true;
}

/** Removes an idea, its parts and its later changes. */
export function deleteIdeaEntry(doc: Y.Doc, ideaId: string): void {
  const { ideas, ideaExtras } = boardMaps(doc);
  ideas.delete(ideaId);
  if (ideaExtras.has(ideaId)) ideaExtras.delete(ideaId);
  clearEdits(doc, ideaId);
}

type PartType<P extends IdeaPart> = P extends 'comments'
  ? Y.Array<CommentRecord>
  : P extends 'votes'
    ? Y.Map<number>
    : Y.Map<true>;

/** One part of an idea, created (with its holder) when missing: call inside a transaction. */
export function ensurePart<P extends IdeaPart>(doc: Y.Doc, ideaId: string, part: P): PartType<P> {
  const existing = ideaParts(doc, ideaId)[part];
  if (existing) return existing as unknown as PartType<P>;
  const { ideaExtras } = boardMaps(doc);
  let holder = ideaExtras.get(ideaId);
  if (!(holder instanceof Y.Map)) {
    holder = new Y.Map<unknown>();
    ideaExtras.set(ideaId, holder);
  }
  const created = part === 'comments' ? new Y.Array<CommentRecord>() : new Y.Map<unknown>();
  holder.set(part, created);
  return created as PartType<P>;
}

/** The next creation order: after every idea on the board (and the counter of older boards). */
export function nextIdeaOrder(doc: Y.Doc): number {
  const { ideas, meta } = boardMaps(doc);
  const counter = meta.get('ideaCounter');
  let max = typeof counter === 'number' ? counter : 0;
  ideas.forEach((value, ideaId) => {
    const order = value instanceof Y.Map ? value.get('order') : (value as { order?: unknown } | null)?.order;
    if (typeof order === 'number' && order > max) max = order;
    else if (order === undefined) max = Math.max(max, ideaRecordOf(value, ideaId)?.order ?? 0);
  });
  return max + 1;
}

/**
 * Converts a board written in the old shape (one Y.Map per idea, its parts nested, created at
 * posting): each idea becomes a record, its non-empty parts move into `ideaExtras`. Idempotent
 * (only Y.Map ideas are converted); returns how many ideas it converted.
 */
export function migrateBoard(doc: Y.Doc): number {
  const { ideas, ideaExtras } = boardMaps(doc);
  const old: [string, Y.Map<unknown>][] = [];
  ideas.forEach((value, ideaId) => {
    if (value instanceof Y.Map) old.push([ideaId, value]);
  });
  if (old.length === 0) return 0;
  doc.transact(() => {
    for (const [ideaId, idea] of old) {
      const record = ideaRecordOf(idea, ideaId)!;
      const moved = new Map<IdeaPart, Y.Array<CommentRecord> | Y.Map<unknown>>();
      for (const part of IDEA_PARTS) {
        const value = idea.get(part);
        if (part === 'comments' && value instanceof Y.Array && value.length > 0) {
          const comments = new Y.Array<CommentRecord>();
          comments.push(value.toArray() as CommentRecord[]);
          moved.set(part, comments);
        } else if (part !== 'comments' && value instanceof Y.Map && value.size > 0) {
          const copy = new Y.Map<unknown>();
          value.forEach((v, k) => copy.set(k, v));
          moved.set(part, copy);
        }
      }
      writeIdea(doc, { ...record, id: record.id || ideaId });
      if (moved.size > 0) {
        const holder = new Y.Map<unknown>();
        for (const [part, value] of moved) holder.set(part, value);
        ideaExtras.set(ideaId, holder);
      }
    }
  }, SCHEMA_ORIGIN);
  return old.length;
}

/** Converts each board document when it loads (before anyone is served it). */
export function boardSchemaHooks(logger: Logger): DocumentHooks {
  return {
    loaded: (managed) => {
      if (parseDocName(managed.name)?.kind !== 'board') return;
      const converted = migrateBoard(managed.doc);
      if (converted > 0) logger.info('board converted to the lean schema', { doc: managed.name, converted });
    },
  };
}
