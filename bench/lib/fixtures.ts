import { newId } from '@cocon/shared';
import { connectDatabase, type Database } from '../../server/src/db/mongo.js';
import { hashPassword } from '../../server/src/auth/passwords.js';

export const BENCH_PASSWORD = 'bench-password-not-secret';

export interface BenchFixtures {
  db: Database;
  dbName: string;
  joinCode: string;
  boardIds: string[];
  proposalIds: string[];
  writerEmails: string[];
}

/**
 * A fresh database for one benchmark run: a forum with boards, a community with ten writers and
 * twenty proposals. Only our server uses it; the relay needs none of it.
 */
export async function createBenchDatabase(mongoUrl: string, boards: number): Promise<BenchFixtures> {
  const dbName = `cocon_bench_${Date.now()}`;
  const db = await connectDatabase(mongoUrl, dbName);
  const now = new Date();
  const joinCode = 'BENCH1';
  await db.organizations.insertOne({
    _id: 'org',
    slug: 'bench',
    name: 'Bench',
    region: '',
    themes: [],
    createdAt: now,
  });
  await db.forums.insertOne({
    _id: 'bench-forum',
    organizationId: 'org',
    title: 'Forum',
    description: '',
    joinCode,
    createdBy: 'x',
    createdAt: now,
  });
  const boardIds = Array.from({ length: boards }, (_, i) => `bench-board-${i}`);
  await db.boards.insertMany(
    boardIds.map((id, i) => ({
      _id: id,
      organizationId: 'org',
      forumId: 'bench-forum',
      title: id,
      communityId: null,
      order: i,
      createdAt: now,
    })),
  );
  await db.communities.insertOne({ _id: 'bench-cdp', organizationId: 'org', name: 'CdP', themes: [] });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const writerEmails = Array.from({ length: 10 }, (_, i) => `writer${i}@bench.qc`);
  await db.users.insertMany(
    writerEmails.map((email, i) => ({
      _id: `w${i}`,
      email,
      name: `Writer ${i}`,
      passwordHash,
      createdAt: now,
    })),
  );
  await db.orgMembers.insertMany(
    writerEmails.map((_e, i) => ({
      _id: `org:w${i}`,
      organizationId: 'org',
      userId: `w${i}`,
      role: 'member' as const,
      active: true,
      createdAt: now,
    })),
  );
  await db.memberships.insertMany(
    writerEmails.map((_e, i) => ({
      _id: newId(),
      organizationId: 'org',
      userId: `w${i}`,
      communityId: 'bench-cdp',
      role: 'member' as const,
    })),
  );
  const proposalIds = Array.from({ length: 20 }, (_, i) => `bench-proposal-${i}`);
  await db.proposals.insertMany(
    proposalIds.map((id) => ({
      _id: id,
      organizationId: 'org',
      communityId: 'bench-cdp',
      status: 'draft' as const,
      createdBy: 'w0',
      createdAt: now,
      statusChangedAt: now,
      sourceIdeas: [],
      shareToken: null,
      fields: {
        title: '',
        theme: '',
        generalObjective: '',
        leadOrganization: '',
        territories: [],
        objectives: [],
        partners: [],
        budget: [],
      },
      text: { context: '', description: '' },
      searchText: '',
      projectionRev: -1,
      projectedAt: null,
    })),
  );
  return { db, dbName, joinCode, boardIds, proposalIds, writerEmails };
}

/** Drops the run's database and closes the connection. */
export async function dropBenchDatabase(fixtures: BenchFixtures): Promise<void> {
  await fixtures.db.db.dropDatabase().catch(() => undefined);
  await fixtures.db.close();
}

function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function joinGuest(httpUrl: string, joinCode: string, name: string): Promise<string> {
  const res = await fetch(`${httpUrl}/api/forums/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: joinCode, displayName: name }),
  });
  if (!res.ok) throw new Error(`join failed: ${res.status}`);
  return cookieOf(res);
}

export async function loginWriter(httpUrl: string, email: string): Promise<string> {
  const res = await fetch(`${httpUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return cookieOf(res);
}
