import { boardDocName, newId, type AccountRole, type TerritoryKind } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { CollabService } from '../collab/collabService.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { initBoard, postIdea } from '../boards/boardMutations.js';

/**
 * One demo body (organisation) as data: its territories, communities, people, forum and boards.
 * `seedBody` writes it with fixed ids and upserts, so running it again changes nothing.
 */

export interface DemoAccount {
  /** Fixed id for a new account (an existing account with this e-mail keeps its own). */
  userId: string;
  email: string;
  name: string;
  /** The person's role in this body. */
  role: AccountRole;
  communityId?: string;
  /** Only the first admin of the first body: may create other bodies. */
  platformOperator?: boolean;
}

export interface DemoBoard {
  id: string;
  title: string;
  communityId: string | null;
  ideas: string[];
}

export interface DemoBody {
  organization: { id: string; slug: string; name: string; region: string; themes: string[] };
  territories: { id: string; name: string; kind: TerritoryKind }[];
  communities: { id: string; name: string; themes: string[] }[];
  accounts: DemoAccount[];
  forum: { id: string; title: string; description: string; joinCode: string };
  boards: DemoBoard[];
  /** The facilitator who opens the forum and posts its first ideas. */
  facilitator: { userId: string; name: string };
}

/** What the seed tells about one account (printed at start-up, kept in demo-credentials.json). */
export interface DemoAccountSummary {
  email: string;
  role: AccountRole;
  /** The organisation's slug. */
  organization: string;
  organizationName: string;
}

export function accountSummaries(body: DemoBody): DemoAccountSummary[] {
  return body.accounts.map((a) => ({
    email: a.email,
    role: a.role,
    organization: body.organization.slug,
    organizationName: body.organization.name,
  }));
}

/** A membership's fixed id, like OrgMemberDoc's: one person, one organisation. */
export const orgMemberId = (organizationId: string, userId: string) => `${organizationId}:${userId}`;

/** Writes the body; returns the user id of each account by e-mail. */
export async function seedBody(
  db: Database,
  collab: CollabService,
  body: DemoBody,
  password: string,
): Promise<Map<string, string>> {
  const orgId = body.organization.id;
  const { slug, name, region, themes } = body.organization;
  const checked = new Map<string, Promise<boolean>>();
  const samePasswordAs = (hash: string) => {
    if (!checked.has(hash)) checked.set(hash, verifyPassword(password, hash));
    return checked.get(hash)!;
  };
  await db.organizations.updateOne(
    { _id: orgId },
    { $set: { slug, name, region, themes }, $setOnInsert: { createdAt: new Date() } },
    { upsert: true },
  );
  for (const t of body.territories) {
    await db.territories.updateOne(
      { _id: t.id },
      { $set: { organizationId: orgId, name: t.name, kind: t.kind } },
      { upsert: true },
    );
  }
  for (const c of body.communities) {
    await db.communities.updateOne(
      { _id: c.id },
      { $set: { organizationId: orgId, name: c.name, themes: c.themes } },
      { upsert: true },
    );
  }

  const userIds = new Map<string, string>();
  let passwordHash: string | null = null;
  for (const account of body.accounts) {
    const existing = await db.users.findOne({ email: account.email });
    const userId = existing?._id ?? account.userId;
    userIds.set(account.email, userId);
    // Hash again only when the password changed: a second run leaves the account as it is.
    // The demo accounts share one hash: scrypt runs once per distinct hash, not once per account.
    const samePassword = existing ? await samePasswordAs(existing.passwordHash) : false;
    if (!samePassword) passwordHash ??= await hashPassword(password);
    await db.users.updateOne(
      { _id: userId },
      {
        $set: {
          email: account.email,
          name: account.name,
          ...(samePassword ? {} : { passwordHash: passwordHash! }),
          ...(account.platformOperator ? { platformOperator: true } : {}),
        },
        $setOnInsert: { language: 'fr' as const, createdAt: new Date() },
      },
      { upsert: true },
    );
    await db.orgMembers.updateOne(
      { _id: orgMemberId(orgId, userId) },
      {
        $set: { role: account.role, active: true },
        $setOnInsert: { organizationId: orgId, userId, createdAt: new Date() },
      },
      { upsert: true },
    );
    if (account.communityId) {
      await db.memberships.updateOne(
        { userId, communityId: account.communityId },
        {
          $set: { organizationId: orgId },
          $setOnInsert: { _id: `${account.communityId}:${userId}`, role: 'member' as const },
        },
        { upsert: true },
      );
    }
  }

  const facilitatorId =
    userIds.get(accountOf(body, body.facilitator.userId)?.email ?? '') ?? body.facilitator.userId;
  await db.forums.updateOne(
    { _id: body.forum.id },
    {
      $set: {
        title: body.forum.title,
        description: body.forum.description,
        joinCode: body.forum.joinCode,
        organizationId: orgId,
      },
      $setOnInsert: { createdBy: facilitatorId, createdAt: new Date() },
    },
    { upsert: true },
  );
  for (const [index, board] of body.boards.entries()) {
    await db.boards.updateOne(
      { _id: board.id },
      {
        $set: {
          organizationId: orgId,
          forumId: body.forum.id,
          title: board.title,
          communityId: board.communityId,
          order: index + 1,
        },
        $setOnInsert: { createdAt: new Date() },
      },
      { upsert: true },
    );
    await collab.withDocument(boardDocName(board.id), async (managed) => {
      initBoard(managed.doc, board.title);
      // Ideas only on an empty board: a second run, or ideas posted since, leave it as it is.
      if (managed.doc.getMap('ideas').size > 0) return;
      const author = { id: facilitatorId, name: body.facilitator.name, role: 'facilitator' as const };
      for (const text of board.ideas) {
        postIdea(
          managed.doc,
          author,
          { boardId: board.id, ideaId: newId(), text, anonymous: false },
          Date.now(),
        );
      }
      await managed.flush();
    });
  }
  return userIds;
}

function accountOf(body: DemoBody, userId: string): DemoAccount | undefined {
  return body.accounts.find((a) => a.userId === userId);
}
