import { newId, type CommentAnchor, type ProposalCommentView } from '@cocon/shared';
import type { Database, ProposalCommentDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import { ProposalError } from './proposalService.js';

const toView = (c: ProposalCommentDoc): ProposalCommentView => ({
  id: c._id,
  anchor: c.anchor,
  text: c.text,
  authorId: c.authorId,
  authorName: c.authorName,
  createdAt: c.createdAt.toISOString(),
  resolved: c.resolved,
  resolvedBy: c.resolvedBy,
  replies: c.replies.map((r) => ({
    id: r.id,
    text: r.text,
    authorName: r.authorName,
    createdAt: r.createdAt.toISOString(),
  })),
});

const MAX_COMMENTS = 2_000;
const MAX_REPLIES = 200;

/** Comment threads anchored to a field or a text range, with one level of replies. */
export class ProposalComments {
  constructor(private readonly db: Database) {}

  async list(proposalId: string): Promise<ProposalCommentView[]> {
    const comments = await this.db.proposalComments
      .find({ proposalId })
      .sort({ createdAt: 1 })
      .limit(MAX_COMMENTS)
      .toArray();
    return comments.map(toView);
  }

  async add(
    session: Session,
    proposalId: string,
    anchor: CommentAnchor,
    text: string,
  ): Promise<ProposalCommentView> {
    if ((await this.db.proposalComments.countDocuments({ proposalId })) >= MAX_COMMENTS) {
      throw new ProposalError(413, 'too_large', 'This proposal has too many comments.');
    }
    const comment: ProposalCommentDoc = {
      _id: newId(),
      proposalId,
      anchor,
      text,
      authorId: session.userId,
      authorName: session.displayName,
      createdAt: new Date(),
      resolved: false,
      resolvedBy: null,
      resolvedAt: null,
      replies: [],
    };
    await this.db.proposalComments.insertOne(comment);
    return toView(comment);
  }

  async reply(
    session: Session,
    proposalId: string,
    commentId: string,
    text: string,
  ): Promise<ProposalCommentView> {
    const existing = await this.db.proposalComments.findOne(
      { _id: commentId, proposalId },
      { projection: { replies: 1 } },
    );
    if (existing && existing.replies.length >= MAX_REPLIES) {
      throw new ProposalError(413, 'too_large', 'This thread has too many replies.');
    }
    const reply = {
      id: newId(),
      text,
      authorId: session.userId,
      authorName: session.displayName,
      createdAt: new Date(),
    };
    const result = await this.db.exclusive(`comment:${commentId}`, () =>
      this.db.proposalComments.findOneAndUpdate(
        { _id: commentId, proposalId },
        { $push: { replies: reply } },
        { returnDocument: 'after' },
      ),
    );
    if (!result) throw new ProposalError(404, 'not_found', 'This comment does not exist.');
    return toView(result);
  }

  async resolve(
    session: Session,
    proposalId: string,
    commentId: string,
    resolved: boolean,
  ): Promise<ProposalCommentView> {
    const result = await this.db.exclusive(`comment:${commentId}`, () =>
      this.db.proposalComments.findOneAndUpdate(
        { _id: commentId, proposalId },
        {
          $set: {
            resolved,
            resolvedBy: resolved ? session.displayName : null,
            resolvedAt: resolved ? new Date() : null,
          },
        },
        { returnDocument: 'after' },
      ),
    );
    if (!result) throw new ProposalError(404, 'not_found', 'This comment does not exist.');
    return toView(result);
  }
}
