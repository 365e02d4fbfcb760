import type { Database } from './mongo.js';

/** A URL slug from a name: lowercase ASCII letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'organisation';
}

/**
 * Brings a database written before organisations bound the data up to date: every
 * organisation gets a slug; with exactly one organisation, everything without one becomes its,
 * and each account's old global role becomes its role there. Idempotent: it only fills what is
 * missing, so it runs at every start.
 */
export async function migrateToOrganizations(db: Database): Promise<{ filled: number }> {
  let filled = 0;
  for (const org of await db.organizations.find({ slug: { $exists: false } }).toArray()) {
    await db.organizations.updateOne(
      { _id: org._id },
      { $set: { slug: `${slugify(org.name)}-${org._id.slice(0, 4).toLowerCase()}` } },
    );
    filled += 1;
  }
  const orgs = await db.organizations.find({}, { projection: { _id: 1 } }).toArray();
  if (orgs.length === 1) filled += await fillTheOnlyOrganization(db, orgs[0]!._id);
  // The partner a person represents moved from the account to each membership.
  for (const user of await db.users.find({ partnerId: { $type: 'string' } }).toArray()) {
    const partner = await db.partners.findOne({ _id: user.partnerId! });
    if (!partner?.organizationId) continue;
    const result = await db.orgMembers.updateOne(
      { _id: `${partner.organizationId}:${user._id}`, partnerId: { $exists: false } },
      { $set: { partnerId: partner._id } },
    );
    filled += result.modifiedCount;
  }
  return { filled };
}

/** Everything without an organisation becomes the only one's; old global roles become roles there. */
async function fillTheOnlyOrganization(db: Database, organizationId: string): Promise<number> {
  let filled = 0;
  const missing = { $or: [{ organizationId: { $exists: false } }, { organizationId: null }] };
  const collections = [
    db.forums,
    db.boards,
    db.memberships,
    db.proposals,
    db.plans,
    db.partners,
    db.funds,
    db.rounds,
  ];
  for (const collection of collections) {
    // Each collection's documents are of their own type; the filter and update are the same.
    const result = await (collection as unknown as typeof db.forums).updateMany(missing as never, {
      $set: { organizationId },
    });
    filled += result.modifiedCount;
  }
  for (const user of await db.users.find({ role: { $exists: true } }).toArray()) {
    if (!user.role) continue;
    const result = await db.orgMembers.updateOne(
      { _id: `${organizationId}:${user._id}` },
      {
        $setOnInsert: {
          organizationId,
          userId: user._id,
          role: user.role,
          active: true,
          createdAt: new Date(),
        },
      },
      { upsert: true },
    );
    filled += result.upsertedCount;
  }
  return filled;
}
