import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import type { SessionInfo } from '@cocon/shared';
import { expect, test } from '../fixtures/users';
import { HomePage } from '../fixtures/pages';
import { ApiAs, PlansPage } from '../fixtures/plan';
import { DEMO_PROPOSAL_TITLE, ProposalListPage, ProposalPage, signIn } from '../fixtures/proposals';
import { startFreshServer, type FreshServer } from '../fixtures/freshServer';
import { linkTo, waitForMail } from '../fixtures/mail';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

test.setTimeout(180_000);

/** One run's names: the catcher and the database outlive a run, the addresses must not collide. */
const stamp = Date.now().toString(36);
const ORG = { name: 'Table de développement social de la Côte-Nord', region: 'Côte-Nord' };
const ADMIN = {
  name: 'Marie-Ève Tremblay',
  email: `admin-${stamp}@cote-nord.test`,
  password: `Phoque-du-fleuve-${stamp}`,
};
const MEMBER = {
  name: 'Jonathan Gagnon',
  email: `membre-${stamp}@cote-nord.test`,
  password: `Baleine-bleue-${stamp}`,
};
const TERRITORIES = [
  { name: 'Sept-Rivières', kind: 'MRC' },
  { name: 'Baie-Comeau', kind: 'Ville' },
] as const;
const THEMES = ['SÉCURITÉ ALIMENTAIRE', 'MOBILITÉ DURABLE'] as const;
const COMMUNITY = 'Sécurité alimentaire Côte-Nord';

const ADMIN_TABS = [
  { key: 'organisme', name: 'Organisme' },
  { key: 'territoires', name: 'Territoires' },
  { key: 'themes', name: 'Thèmes du plan' },
  { key: 'communautes', name: 'Communautés de pratique' },
  { key: 'personnes', name: 'Personnes' },
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Phone then desktop screenshots of what the page shows now (the page ends at desktop width). */
async function shootBoth(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await ready();
    await shoot(page, `${name}-${size}`);
  }
}

function adminTab(page: Page, name: string): Locator {
  return page
    .getByRole('tablist', { name: 'Sections de l’administration' })
    .getByRole('tab', { name, exact: true });
}

async function openAdminTab(page: Page, name: string): Promise<Locator> {
  await adminTab(page, name).click();
  await expect(adminTab(page, name)).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');
  await expect(panel).not.toContainText('Chargement…');
  return panel;
}

test.describe.serial('a body on a fresh server', () => {
  let fresh: FreshServer;
  const contexts: BrowserContext[] = [];

  /** A person of the fresh server: their own context (cookies, sockets), relative URLs go there. */
  const open = async (browser: Browser, viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ baseURL: fresh.url, viewport, locale: 'fr-CA' });
    contexts.push(context);
    return context.newPage();
  };

  test.beforeAll(async () => {
    fresh = await startFreshServer();
  });

  test.afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await fresh?.stop();
  });

  test('a new body sets itself up: territories, themes, a community, an invited member co-writes', async ({
    browser,
  }) => {
    // The first visit on an empty server goes to the set-up form.
    const adminPage = await open(browser);
    await adminPage.goto('/');
    await expect(adminPage).toHaveURL(/\/setup$/);
    await expect(adminPage.getByRole('heading', { level: 1, name: 'Configurer Cocon' })).toBeVisible();
    await shootBoth(adminPage, 'setup', () =>
      expect(adminPage.getByRole('button', { name: 'Créer l’organisme' })).toBeVisible(),
    );

    // The organisation and its first admin, in one form.
    await adminPage.getByLabel('Nom de l’organisme').fill(ORG.name);
    await adminPage.getByLabel('Région (facultative)').fill(ORG.region);
    // The address follows the name until edited.
    await expect(adminPage.getByLabel('Adresse', { exact: true })).toHaveValue(
      /^table-de-developpement-social/,
    );
    await adminPage.getByLabel('Nom', { exact: true }).fill(ADMIN.name);
    await adminPage.getByLabel('Courriel', { exact: true }).fill(ADMIN.email);
    await adminPage.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await adminPage.getByRole('button', { name: 'Créer l’organisme' }).click();
    await expect(adminPage).toHaveURL(/\/o\/table-de-developpement-social[a-z0-9-]*\/admin$/);
    await expect(adminPage.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    const orgPanel = await openAdminTab(adminPage, 'Organisme');
    await expect(orgPanel.getByLabel('Nom de l’organisme')).toHaveValue(ORG.name);
    await expect(orgPanel.getByLabel('Région (facultative)')).toHaveValue(ORG.region);

    // Territories: an MRC and a city.
    const territories = await openAdminTab(adminPage, 'Territoires');
    const addTerritory = territories.getByRole('region', { name: 'Ajouter un territoire' });
    for (const territory of TERRITORIES) {
      await addTerritory.getByLabel('Nom du territoire').fill(territory.name);
      await addTerritory.getByLabel('Type').selectOption({ label: territory.kind });
      await addTerritory.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await expect(territories.getByRole('status')).toHaveText(`Territoire « ${territory.name} » ajouté.`);
    }
    const territoryList = territories.getByRole('region', { name: 'Territoires' }).getByRole('listitem');
    await expect(territoryList).toHaveCount(2);
    for (const territory of TERRITORIES) {
      await expect(territoryList.filter({ hasText: territory.name })).toContainText(territory.kind);
    }

    // The plan's themes, added then saved in one go.
    const themes = await openAdminTab(adminPage, 'Thèmes du plan');
    for (const theme of THEMES) {
      await themes.getByLabel('Nouveau thème').fill(theme);
      await themes.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await expect(themes.getByRole('status')).toHaveText(`Thème « ${theme} » ajouté (non enregistré).`);
    }
    await themes.getByRole('button', { name: 'Enregistrer les thèmes' }).click();
    await expect(themes.getByRole('status')).toHaveText('Modifications enregistrées.');
    await expect(themes.getByRole('listitem')).toContainText([`1. ${THEMES[0]}`, `2. ${THEMES[1]}`]);

    // A community of practice on the first theme.
    const communities = await openAdminTab(adminPage, 'Communautés de pratique');
    await communities.getByRole('button', { name: 'Ajouter une communauté' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Ajouter une communauté' });
    await dialog.getByLabel('Nom de la communauté').fill(COMMUNITY);
    await dialog.getByRole('group', { name: 'Thèmes' }).getByRole('checkbox', { name: THEMES[0] }).check();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(communities.getByRole('status')).toHaveText(`Communauté « ${COMMUNITY} » enregistrée.`);
    await expect(communities.getByRole('listitem').filter({ hasText: COMMUNITY })).toContainText(THEMES[0]);

    // A member of that community is invited by e-mail.
    const people = await openAdminTab(adminPage, 'Personnes');
    const invite = people.getByRole('region', { name: 'Inviter une personne' });
    await invite.getByLabel('Courriel', { exact: true }).fill(MEMBER.email);
    await invite.getByLabel('Rôle').selectOption({ label: 'Membre' });
    await invite.getByRole('checkbox', { name: COMMUNITY }).check();
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expect(adminPage.getByRole('status').filter({ hasText: 'Invitation envoyée' })).toHaveText(
      `Invitation envoyée à ${MEMBER.email}.`,
    );
    await expect(
      people
        .getByRole('region', { name: 'Invitations' })
        .getByRole('listitem')
        .filter({ hasText: MEMBER.email }),
    ).toContainText('En attente');

    // The link of the mail points to this server; another person opens it.
    const mail = await waitForMail({ to: MEMBER.email });
    const link = linkTo(mail, '/invitation/');
    expect(link.startsWith(`${fresh.url}/invitation/`), link).toBe(true);
    const memberPage = await open(browser);
    await memberPage.goto(link);
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Invitation' })).toBeVisible();
    await expect(memberPage.getByRole('main')).toContainText(ORG.name);
    await expect(memberPage.getByRole('main')).toContainText('Membre');
    await memberPage.getByLabel('Nom', { exact: true }).fill(MEMBER.name);
    await memberPage.getByLabel('Mot de passe', { exact: true }).fill(MEMBER.password);
    await memberPage.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await expect(memberPage).toHaveURL(/\/o\/table-de-developpement-social[a-z0-9-]*\/forums$/);

    // The member starts a proposal in their community.
    const list = new ProposalListPage(memberPage);
    await list.goto();
    const form = memberPage.getByRole('region', { name: 'Nouvelle proposition' });
    await expect(form.getByLabel('Communauté de pratique')).toHaveValue(/.+/);
    await expect(form.getByLabel('Communauté de pratique').locator('option:checked')).toHaveText(COMMUNITY);
    const title = `Épicerie solidaire de Sept-Rivières ${stamp}`;
    const writer = await list.create(title);

    // The admin opens the same proposal and watches the member's words arrive.
    await adminPage.goto(new URL(memberPage.url()).pathname);
    const watcher = new ProposalPage(adminPage);
    await watcher.waitLive();
    await expect(watcher.title).toHaveText(title);
    await expect(adminPage.getByTestId('people-here')).toContainText(MEMBER.name);
    const objective = 'Rendre l’alimentation saine accessible de Fermont à Baie-Comeau';
    await writer.typeAtEnd('Objectif général', objective);
    await expect(watcher.field('Objectif général')).toHaveValue(objective);

    // Set up once: the form is not offered again, and the home page no longer sends there.
    await adminPage.goto('/setup');
    await expect(adminPage.getByText('Cocon est déjà configuré sur ce serveur.')).toBeVisible();
    await expect(adminPage.getByRole('button', { name: 'Créer l’organisme' })).toHaveCount(0);
    await expect(adminPage.getByLabel('Nom de l’organisme')).toHaveCount(0);
    const status = await adminPage.request.get('/api/setup');
    expect(await status.json()).toEqual({ needed: false });
    await shootBoth(adminPage, 'setup-done', () =>
      expect(adminPage.getByText('Cocon est déjà configuré sur ce serveur.')).toBeVisible(),
    );
  });

  test('screenshots of the admin tabs, phone and desktop', async ({ browser }) => {
    const page = await open(browser);
    const home = new HomePage(page);
    await home.goto();
    await home.login(ADMIN.email, ADMIN.password);
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    const shown: Record<(typeof ADMIN_TABS)[number]['key'], string> = {
      organisme: 'Partenaires financiers',
      territoires: TERRITORIES[1].name,
      themes: THEMES[1],
      communautes: COMMUNITY,
      personnes: MEMBER.email,
    };
    for (const tab of ADMIN_TABS) {
      const panel = await openAdminTab(page, tab.name);
      await shootBoth(page, `admin-${tab.key}`, () => expect(panel).toContainText(shown[tab.key]));
    }
  });

  test('a person of two bodies picks one by its address, and by the header', async ({ browser }) => {
    const page = await open(browser);
    const home = new HomePage(page);
    await home.goto();
    await home.login(ADMIN.email, ADMIN.password);
    const api = await ApiAs.of(page);
    const first = (await api.get<SessionInfo>('/api/session')).user?.organization;
    expect(first?.name).toBe(ORG.name);

    // The first admin of the server (its operator) opens a second body and is invited to it.
    const second = { name: `Corporation de développement communautaire ${stamp}`, slug: `cdc-${stamp}` };
    const created = await api.ok('POST', '/api/organizations', {
      organization: { name: second.name, region: ORG.region, slug: second.slug },
      adminEmail: ADMIN.email,
    });
    const secondId = ((await created.json()) as { id: string }).id;
    const mail = await waitForMail({ to: ADMIN.email });
    await page.goto(linkTo(mail, '/invitation/'));
    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${second.slug}/forums$`));

    // The first body's address switches the session back to it.
    const orgSelect = page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByLabel('Organisme', { exact: true });
    await page.goto(`/o/${first!.slug}/admin`);
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/o/${first!.slug}/admin$`));
    await expect(orgSelect).toHaveValue(first!.id);
    expect((await api.get<SessionInfo>('/api/session')).user?.organization?.slug).toBe(first!.slug);

    // The header's switcher goes to the other body's forums.
    await orgSelect.selectOption({ label: second.name });
    await expect(page).toHaveURL(new RegExp(`/o/${second.slug}/forums$`));
    // The address switches the session; the switcher shows it once done.
    await expect(orgSelect).toHaveValue(secondId);
    expect((await api.get<SessionInfo>('/api/session')).user?.organization?.slug).toBe(second.slug);
  });
});

test('a facilitator of one body never sees another’s forums, proposals, plans or partners', async ({
  people,
}) => {
  const HORIZON = {
    forum: 'Forum ouvert 2026 — Agir ensemble dans l’ouest de la Montérégie',
    proposals: [DEMO_PROPOSAL_TITLE, 'Navette rurale du samedi', 'Ateliers parents-enfants en bibliothèque'],
    plan: /Plan d’action \d{4}/,
    partners: [
      'Centraide Sud-Ouest',
      'Direction de santé publique de la Montérégie',
      'Fondation communautaire du Suroît',
    ],
  };
  const OUTAOUAIS = {
    forum: 'Forum Outaouais terre d’accueil et d’opportunités',
    proposal: 'Consolider Moisson Outaouais et son réseau d’organismes',
    plan: 'Plan d’action de l’Outaouais pour la solidarité et l’inclusion sociale',
  };

  // Horizon's own facilitator finds the ids of Horizon's things.
  const horizonPage = await people.open();
  await signIn(horizonPage, 'animation@horizon.demo');
  const horizonProposals = (await (await horizonPage.request.get('/api/proposals')).json()) as {
    id: string;
    title: string;
  }[];
  const horizonProposal = horizonProposals.find((p) => p.title === DEMO_PROPOSAL_TITLE);
  expect(horizonProposal, 'the Horizon demo proposal').toBeTruthy();
  const horizonForums = (await (await horizonPage.request.get('/api/forums')).json()) as {
    id: string;
    title: string;
  }[];
  const horizonForum = horizonForums.find((f) => f.title === HORIZON.forum);
  expect(horizonForum, 'the Horizon demo forum').toBeTruthy();
  // What the other body must not see does exist: the checks below would catch a leak.
  const horizonPlans = (await (await horizonPage.request.get('/api/plans')).json()) as { title: string }[];
  expect(horizonPlans.map((p) => p.title).some((title) => HORIZON.plan.test(title))).toBe(true);
  const horizonPartners = (await (await horizonPage.request.get('/api/partners')).json()) as {
    name: string;
  }[];
  expect(horizonPartners.map((p) => p.name)).toEqual(expect.arrayContaining(HORIZON.partners));
  for (const title of HORIZON.proposals) expect(horizonProposals.map((p) => p.title)).toContain(title);

  const page = await people.open();
  await signIn(page, 'animation@outaouais.demo');
  const main = page.getByRole('main');

  // Forums (the page a sign-in lands on).
  await expect(page.getByRole('article', { name: OUTAOUAIS.forum })).toBeVisible();
  await expect(main).not.toContainText(HORIZON.forum);
  await expect(main).not.toContainText('HORIZON26');

  // Proposals.
  const proposals = new ProposalListPage(page);
  await proposals.goto();
  await expect(proposals.card(OUTAOUAIS.proposal)).toBeVisible();
  for (const title of HORIZON.proposals) await expect(main).not.toContainText(title);

  // Plans.
  const plans = new PlansPage(page);
  await plans.goto();
  await expect(main).toContainText(OUTAOUAIS.plan);
  await expect(main).not.toContainText(HORIZON.plan);
  await expect(main).not.toContainText('Fonds régional consolidé');

  // Partners (of the fund) through the API.
  const partners = await page.request.get('/api/partners');
  expect(partners.ok(), `GET /api/partners: ${partners.status()}`).toBe(true);
  const partnerNames = ((await partners.json()) as { name: string }[]).map((p) => p.name);
  for (const name of HORIZON.partners) expect(partnerNames).not.toContain(name);

  // Horizon's things asked for directly: as if they did not exist.
  expect((await page.request.get(`/api/proposals/${horizonProposal!.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/forums/${horizonForum!.id}`)).status()).toBe(404);
  await page.goto(`/proposals/${horizonProposal!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Proposition introuvable' })).toBeVisible();
  await expect(main).not.toContainText('Favoriser la mobilisation des acteurs');
});

test('an organisation’s pages carry its slug in the address; another body’s address is refused', async ({
  people,
}) => {
  const page = await people.open();
  await signIn(page, 'animation@horizon.demo');
  await expect(page).toHaveURL(/\/o\/concertation-horizon\/forums$/);

  // Links show the slug directly: the list, then a proposal.
  const list = new ProposalListPage(page);
  await list.goto();
  await expect(page).toHaveURL(/\/o\/concertation-horizon\/proposals$/);
  const proposal = await list.open(DEMO_PROPOSAL_TITLE);
  await expect(proposal.title).toHaveText(DEMO_PROPOSAL_TITLE);
  await expect(page).toHaveURL(/\/o\/concertation-horizon\/proposals\/[^/?]+$/);
  const proposalId = new URL(page.url()).pathname.split('/').at(-1)!;

  // Old addresses move under the organisation, their query string kept.
  await page.goto(`/proposals/${proposalId}?from=mail`);
  await expect(page).toHaveURL(new RegExp(`/o/concertation-horizon/proposals/${proposalId}\\?from=mail$`));
  await expect(proposal.title).toHaveText(DEMO_PROPOSAL_TITLE);
  await page.goto('/o/concertation-horizon');
  await expect(page).toHaveURL(/\/o\/concertation-horizon\/forums$/);

  // Another body's address: not theirs, and the session stays in Horizon.
  await page.goto('/o/outaouais/forums');
  await expect(page.getByRole('main')).toContainText(
    'Vous ne faites pas partie de l’organisme « outaouais ».',
  );
  await expect(page.getByRole('main')).not.toContainText('Forum Outaouais');
  await expect(page.getByRole('main').getByRole('link', { name: 'Retour à l’accueil' })).toBeVisible();
  const session = (await (await page.request.get('/api/session')).json()) as SessionInfo;
  expect(session.user?.organization?.slug).toBe('concertation-horizon');
});
