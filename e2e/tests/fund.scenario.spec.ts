import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/users';
import { ApiAs, PLAN_PEOPLE, signIn } from '../fixtures/plan';
import { axeViolations } from '../fixtures/axe';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The demo seed (server/src/seed/demoFund.ts): two representatives of one partner, an open round. */
const REP_1 = 'centraide@horizon.demo';
const REP_2 = 'centraide-2@horizon.demo';
const REP_2_NAME = 'Marc — Centraide';
const ROUND_TITLE = 'Consultation 2026 — premiers projets';
const SHUTTLE = 'Navette rurale du samedi';
const HOUSING = 'Portrait annuel des besoins en logement abordable';
const WORKSHOPS = 'Ateliers parents-enfants en bibliothèque';
const SHUTTLE_ACTION = 'Offrir une navette rurale le samedi';

interface FundView {
  id: string;
  rounds: { id: string; title: string; status: string }[];
}
interface RoundView {
  id: string;
  status: string;
  projects: { id: string; title: string }[];
  decision: { allocations: { projectId: string; cents: number }[] } | null;
}
interface BallotView {
  lines: { projectId: string; amount: number }[];
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The plan that holds the demo fund, and the demo round. */
async function findDemoRound(api: ApiAs): Promise<{ planId: string; roundId: string }> {
  const plans = await api.get<{ id: string }[]>('/api/plans');
  for (const plan of plans) {
    const response = await api.page.request.get(`/api/plans/${plan.id}/fund`);
    if (!response.ok()) continue;
    const fund = (await response.json()) as FundView;
    const round = fund.rounds.find((r) => r.title === ROUND_TITLE);
    if (round) return { planId: plan.id, roundId: round.id };
  }
  throw new Error('the demo fund and its round are missing from the seed');
}

function line(page: Page, title: string): Locator {
  return page
    .getByTestId('ballot-line')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

/** Types an amount and an opinion on one line of the ballot and saves that line. */
async function fillLine(
  page: Page,
  title: string,
  points: string,
  opinion: 'Consentement' | 'Objection',
  reason = '',
): Promise<void> {
  const row = line(page, title);
  await row.getByLabel('Points accordés').fill(points);
  await row.getByRole('radio', { name: opinion }).check();
  if (reason) await row.getByLabel('Motif de l’objection (obligatoire)').fill(reason);
  await row.getByRole('button', { name: 'Enregistrer la ligne' }).click();
}

/** "60 000 $" the way the plan shows dollars (fr-CA, whole dollars), any kind of space. */
function moneyPattern(cents: number): RegExp {
  const text = new Intl.NumberFormat('fr-CA', {
    style: 'currency',
    currency: 'CAD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/[\s\u00a0\u202f]/g, '[\\s\\u00a0\\u202f]'));
}

test('the consolidated fund: two representatives of one partner vote at once, live results, decision feeds the plan', async ({
  people,
}) => {
  test.setTimeout(240_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  // The facilitator opens the fund from the plan page.
  const facilitator = await people.open({ viewport: DESKTOP });
  await signIn(facilitator, PLAN_PEOPLE.facilitator);
  const facilitatorApi = await ApiAs.of(facilitator);
  const { planId, roundId } = await findDemoRound(facilitatorApi);
  await facilitator.goto(`/plans/${planId}`);
  await facilitator.getByRole('link', { name: 'Fonds consolidé et consultations' }).click();
  await expect(
    facilitator.getByRole('heading', { level: 1, name: 'Fonds régional consolidé 2026-2030' }),
  ).toBeVisible();
  await expect(
    facilitator.getByRole('table', { name: 'Contributions par partenaire et par année' }),
  ).toContainText('Centraide Sud-Ouest');
  await expect(facilitator.getByTestId('fund-total')).toHaveText(moneyPattern(1_150_000_00));
  await shoot(facilitator, 'fund-desktop');
  expect(await axeViolations(facilitator), 'fund page').toEqual([]);
  await facilitator.setViewportSize(PHONE);
  await shoot(facilitator, 'fund-phone');
  await facilitator.setViewportSize(DESKTOP);

  await facilitator.getByRole('link', { name: ROUND_TITLE }).click();
  await expect(facilitator).toHaveURL(new RegExp(`/o/concertation-horizon/rounds/${roundId}$`));
  await expect(facilitator.getByTestId('round-live')).toContainText('En direct');
  const results = facilitator.getByTestId('results');
  await expect(results).toBeVisible();
  const round = await facilitatorApi.get<RoundView>(`/api/rounds/${roundId}`);
  const projectId = (title: string) => round.projects.find((p) => p.title === title)!.id;
  const total = (title: string) =>
    results.locator(
      `[data-testid="result-row"][data-project="${projectId(title)}"] [data-testid="result-total"]`,
    );
  await expect(total(SHUTTLE)).toHaveText('0');
  await expect(total(HOUSING)).toHaveText('0');

  // Two representatives of the same partner, each on a phone, in the same ballot.
  const léa = await people.open({ viewport: PHONE });
  const marc = await people.open({ viewport: PHONE });
  await Promise.all([signIn(léa, REP_1), signIn(marc, REP_2)]);
  // Léa finds the consultation from the plan's fund; Marc follows a link he was sent.
  await léa.goto(`/plans/${planId}/fund`);
  await léa
    .getByRole('link', { name: `Remplir le bulletin de Centraide Sud-Ouest : ${ROUND_TITLE}` })
    .click();
  await marc.goto(`/rounds/${roundId}`);
  for (const page of [léa, marc]) {
    await expect(
      page.getByRole('heading', { level: 2, name: 'Bulletin de Centraide Sud-Ouest' }),
    ).toBeVisible();
    await expect(page.getByTestId('round-live')).toContainText('En direct');
    await expect(page.getByTestId('remaining')).toContainText('Reste : 100 sur 100');
  }

  // At the same time, different projects.
  await Promise.all([
    fillLine(léa, SHUTTLE, '40', 'Consentement'),
    fillLine(marc, HOUSING, '30', 'Objection', 'Le portrait existe déjà pour deux MRC.'),
  ]);
  await expect(line(léa, SHUTTLE).getByTestId('line-state')).toHaveText('Enregistrée');
  await expect(line(marc, HOUSING).getByTestId('line-state')).toHaveText('Enregistrée');

  // Each sees the other's line arrive, with who changed it; the remaining points follow.
  await expect(line(léa, HOUSING).getByLabel('Points accordés')).toHaveValue('30');
  await expect(line(léa, HOUSING).getByTestId('line-by')).toContainText(REP_2_NAME);
  await expect(line(marc, SHUTTLE).getByLabel('Points accordés')).toHaveValue('40');
  await expect(léa.getByTestId('remaining')).toContainText('Reste : 30 sur 100');
  await expect(marc.getByTestId('remaining')).toContainText('Reste : 30 sur 100');
  await shoot(léa, 'ballot-phone');
  expect(await axeViolations(léa), 'ballot').toEqual([]);

  // The facilitator's live results show both, without reloading.
  await expect(total(SHUTTLE)).toHaveText('40');
  await expect(total(HOUSING)).toHaveText('30');
  await expect(results).toContainText('Le portrait existe déjà pour deux MRC.');
  await shoot(facilitator, 'results-desktop');
  expect(await axeViolations(facilitator), 'live results').toEqual([]);

  // Léa starts changing Marc's line; Marc saves it again meanwhile: her typing is never
  // overwritten, she is told who changed it and to what, her save is refused (nothing lost),
  // and she can save her entry over his.
  const léaHousing = line(léa, HOUSING);
  await léaHousing.getByLabel('Points accordés').fill('25');
  await fillLine(marc, HOUSING, '35', 'Objection');
  await expect(line(marc, HOUSING).getByTestId('line-state')).toHaveText('Enregistrée');
  await expect(léaHousing.getByRole('status').filter({ hasText: 'vient de modifier' })).toContainText(
    `${REP_2_NAME} vient de modifier cette ligne : 35, Objection.`,
  );
  await expect(léaHousing.getByLabel('Points accordés')).toHaveValue('25');
  await léaHousing.getByRole('button', { name: 'Enregistrer la ligne' }).click();
  await expect(léaHousing.getByTestId('line-error')).toHaveText(
    'Quelqu’un de votre organisation a modifié cette ligne entre-temps : rien n’a été enregistré.',
  );
  await expect(léaHousing.getByTestId('line-conflict')).toContainText(
    `${REP_2_NAME} a enregistré : 35, Objection.`,
  );
  await expect(léaHousing.getByLabel('Points accordés')).toHaveValue('25');
  await expect(total(HOUSING)).toHaveText('35');
  await léaHousing.getByRole('button', { name: 'Enregistrer ma saisie par-dessus' }).click();
  await expect(léaHousing.getByTestId('line-state')).toHaveText('Enregistrée');
  await expect(line(marc, HOUSING).getByLabel('Points accordés')).toHaveValue('25');
  await expect(total(HOUSING)).toHaveText('25');
  await expect(marc.getByTestId('remaining')).toContainText('Reste : 35 sur 100');

  // A line that breaks a rule (more points than the partner has) is refused; nothing is saved.
  await line(léa, WORKSHOPS).getByLabel('Points accordés').fill('500');
  await expect(léa.getByTestId('remaining')).toContainText('Dépassement de 465');
  await line(léa, WORKSHOPS).getByRole('button', { name: 'Enregistrer la ligne' }).click();
  await expect(line(léa, WORKSHOPS).getByTestId('line-error')).toHaveText(
    'Refusé : votre bulletin dépasserait le total permis à votre organisation. Rien n’a été enregistré.',
  );
  await expect(line(léa, WORKSHOPS).getByLabel('Points accordés')).toHaveValue('500');
  const ballot = await (await ApiAs.of(léa)).get<BallotView>(`/api/rounds/${roundId}/ballot`);
  expect(ballot.lines.find((l) => l.projectId === projectId(WORKSHOPS))?.amount ?? 0).toBe(0);
  await expect(total(WORKSHOPS)).toHaveText('0');
  await shoot(léa, 'ballot-refused-phone', false);
  await léa.setViewportSize(DESKTOP);
  await shoot(léa, 'ballot-desktop');

  // The facilitator closes the round and records the decision with its justification.
  facilitator.once('dialog', (dialog) => void dialog.accept());
  await facilitator.getByRole('button', { name: 'Fermer la consultation' }).click();
  await expect(facilitator.getByTestId('round-status')).toHaveText('Fermée');
  await facilitator.setViewportSize(PHONE);
  await shoot(facilitator, 'results-phone');
  await facilitator.setViewportSize(DESKTOP);
  await facilitator.getByRole('tab', { name: 'Scénarios et décision' }).click();
  await expect(facilitator.getByTestId('scenario')).toHaveCount(3);
  await shoot(facilitator, 'scenarios-desktop');
  expect(await axeViolations(facilitator), 'scenarios').toEqual([]);
  const form = facilitator.getByRole('form', { name: 'Décision' });
  await expect(form.getByRole('radio', { checked: true })).toHaveCount(1);
  await form
    .getByLabel('Justification (obligatoire)')
    .fill('Retenu en table des partenaires : respecte le plancher de Beauharnois-Salaberry.');
  await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
  const decision = facilitator.getByTestId('decision');
  await expect(decision).toContainText('respecte le plancher de Beauharnois-Salaberry');
  await expect(facilitator.getByTestId('round-status')).toHaveText('Décidée');
  await shoot(facilitator, 'decision-desktop');
  expect(await axeViolations(facilitator), 'decision').toEqual([]);

  // The plan shows the new budget of the shuttle's action.
  const decided = await facilitatorApi.get<RoundView>(`/api/rounds/${roundId}`);
  const shuttleCents = decided.decision!.allocations.find((a) => a.projectId === projectId(SHUTTLE))!.cents;
  expect(shuttleCents).toBeGreaterThan(0);
  await facilitator.goto(`/plans/${planId}`);
  const action = facilitator.getByTestId('plan-action').filter({ hasText: SHUTTLE_ACTION });
  await expect(action).toContainText(moneyPattern(shuttleCents));
});

test('a facilitator adds a partner and its representative, records its contribution and opens a round it votes in', async ({
  people,
}) => {
  test.setTimeout(180_000);
  const facilitator = await people.open({ viewport: DESKTOP });
  await signIn(facilitator, PLAN_PEOPLE.facilitator);
  const facilitatorApi = await ApiAs.of(facilitator);
  const { planId } = await findDemoRound(facilitatorApi);
  await facilitator.goto(`/plans/${planId}/fund`);
  const unique = Date.now().toString(36);
  const partner = `Table de concertation ${unique}`;
  const representative = 'securite-alimentaire-2@horizon.demo';
  const expand = async (summary: string | RegExp) => {
    const details = facilitator.locator('details.fund-details').filter({
      has: facilitator.locator('summary', { hasText: summary }),
    });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  };

  // A new partner, and a person of the region who speaks for it.
  const partners = await expand(/^Partenaires \(\d+\)$/);
  await partners.getByLabel('Nouvelle organisation partenaire').fill(partner);
  await partners.getByRole('button', { name: 'Ajouter le partenaire' }).click();
  const item = partners.getByTestId('fund-partner').filter({ hasText: partner });
  await item.getByLabel(`Ajouter une personne représentant ${partner} (courriel)`).fill(representative);
  await item.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(item.getByRole('list', { name: `Personnes représentant ${partner}` })).toContainText(
    representative,
  );

  // Its contribution to the fund's first year.
  const settings = await expand('Modifier les paramètres du fonds');
  await settings.getByRole('button', { name: 'Ajouter une contribution' }).click();
  const row = settings.getByRole('listitem', { name: /^Contribution \d+$/ }).last();
  await row.getByLabel('Partenaire').selectOption({ label: partner });
  await row.getByLabel('Montant ($)').fill('20000');
  await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(settings).toContainText('Paramètres du fonds enregistrés.');
  await expect(
    facilitator.getByRole('table', { name: 'Contributions par partenaire et par année' }),
  ).toContainText(partner);

  // A round on one adopted project, points, no floors.
  const title = `Consultation ciblée ${unique}`;
  const form = await expand('Ouvrir une consultation');
  await form.getByLabel('Titre de la consultation').fill(title);
  await form.getByLabel('Budget à répartir ($)').fill('40000');
  await form.getByRole('checkbox', { name: new RegExp(`^${SHUTTLE}`) }).check();
  await form.getByLabel('Appliquer les planchers par MRC du fonds').uncheck();
  await form.getByRole('button', { name: 'Ouvrir la consultation' }).click();
  await expect(facilitator).toHaveURL(/\/o\/concertation-horizon\/rounds\//);
  await expect(facilitator.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const roundId = new URL(facilitator.url()).pathname.split('/').at(-1)!;
  const round = await facilitatorApi.get<RoundView>(`/api/rounds/${roundId}`);
  expect(round.projects.map((p) => p.title)).toEqual([SHUTTLE]);

  // The new representative fills the new partner's ballot; the facilitator sees it live.
  const rep = await people.open({ viewport: PHONE });
  await signIn(rep, representative);
  await rep.goto(`/rounds/${roundId}`);
  await expect(rep.getByRole('heading', { level: 2, name: `Bulletin de ${partner}` })).toBeVisible();
  await fillLine(rep, SHUTTLE, '60', 'Consentement');
  await expect(line(rep, SHUTTLE).getByTestId('line-state')).toHaveText('Enregistrée');
  await expect(
    facilitator.locator(
      `[data-testid="result-row"][data-project="${round.projects[0]!.id}"] [data-testid="result-total"]`,
    ),
  ).toHaveText('60');
});
