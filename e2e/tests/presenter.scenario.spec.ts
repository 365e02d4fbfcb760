import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, DashboardPage, HomePage } from '../fixtures/pages';
import { axeViolations } from '../fixtures/axe';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const ROOM = { width: 1920, height: 1080 };
const SMALL_ROOM = { width: 1280, height: 720 };

test('the room screen follows the board: join link and QR code, live ideas, spotlight, timer, ranking', async ({
  people,
}) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const stamp = Date.now().toString(36);
  const boardTitle = 'Mobilité et alimentation : nos priorités';

  // The facilitator creates a one-board forum and opens the board.
  const facilitatorPage = await people.open({ viewport: { width: 1280, height: 900 } });
  const home = new HomePage(facilitatorPage);
  await home.goto();
  await home.login(DEMO.facilitatorEmail, DEMO.password);
  const { joinCode, card } = await new DashboardPage(facilitatorPage).createForum(`Forum salle ${stamp}`, [
    boardTitle,
  ]);
  await card.getByRole('link', { name: boardTitle }).click();
  const facilitator = new BoardPage(facilitatorPage);
  await facilitator.waitLive();

  // The button opens the room screen in a window of its own.
  const [popup] = await Promise.all([
    facilitatorPage.waitForEvent('popup'),
    facilitatorPage.getByRole('link', { name: 'Écran de la salle' }).click(),
  ]);
  await expect(popup).toHaveURL(/\/o\/concertation-horizon\/boards\/[^/]+\/present$/);
  const presenterUrl = popup.url();
  await popup.close();

  // The room's computer: a second context, signed in as the facilitator, at 1920×1080.
  const screen = await people.open({ viewport: ROOM });
  await new HomePage(screen).goto();
  await new HomePage(screen).login(DEMO.facilitatorEmail, DEMO.password);
  await screen.goto(presenterUrl);
  await expect(screen.getByRole('heading', { level: 1, name: boardTitle })).toBeVisible();
  await expect(screen.getByRole('main')).toBeVisible();
  await expect(screen.getByRole('complementary', { name: 'Participez !' })).toBeVisible();
  await expect(screen.getByTestId('presenter-join-code')).toHaveText(joinCode);
  await expect(screen.getByRole('img', { name: /^Code QR qui ouvre .*\/join\// })).toBeVisible();
  const link = (await screen.getByTestId('presenter-join-link').textContent())?.trim() ?? '';
  expect(link).toMatch(new RegExp(`/join/${joinCode}$`));
  await expect(screen.getByText('Les idées apparaîtront ici dès qu’elles seront publiées.')).toBeVisible();
  // No controls on the room's screen.
  await expect(screen.getByRole('button')).toHaveCount(0);
  await expect(screen.getByRole('textbox')).toHaveCount(0);

  // A guest on a phone types the short link: the join form opens with the code filled in.
  const phone = await people.open({ viewport: PHONE });
  await phone.goto(`http://${link}`);
  await expect(phone.getByRole('heading', { name: 'Rejoindre un forum' })).toBeVisible();
  await expect(phone.getByLabel('Code du forum')).toHaveValue(joinCode);
  await expect(phone.getByLabel('Votre nom ou un pseudonyme')).toBeFocused();
  await expect(phone.getByText(`Code du lien : ${joinCode}.`, { exact: false })).toBeVisible();
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'join-link-phone.png') });
  expect(await axeViolations(phone)).toEqual([]);
  await phone.getByLabel('Votre nom ou un pseudonyme').fill('Amélie');
  await phone.getByRole('button', { name: 'Entrer dans le forum' }).click();
  await expect(phone).toHaveURL(/\/o\/concertation-horizon\/boards\//);
  const guest = new BoardPage(phone);
  await guest.waitLive();

  // Her ideas reach the room's screen.
  const transport = 'Un service de transport collectif entre Huntingdon et Valleyfield, le soir aussi';
  const gardens = 'Des jardins communautaires près des écoles, entretenus avec les familles';
  const pantry = 'Un frigo partagé au centre communautaire';
  await guest.post(transport);
  const wall = screen.getByTestId('presenter-wall');
  await expect(wall.getByTestId('presenter-idea').filter({ hasText: transport })).toBeVisible();
  await guest.post(gardens);
  await facilitator.post(pantry);
  await expect(wall.getByTestId('presenter-idea')).toHaveCount(3);
  await expect(screen.getByTestId('presenter-count')).toHaveText('3 idées');
  // The newest first.
  await expect(wall.getByTestId('presenter-idea').first()).toContainText(pantry);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-ideas-1920.png') });

  // Clusters group the wall.
  await (await facilitator.menu('Regroupements')).getByLabel('Nom du regroupement').fill('Mobilité');
  await (await facilitator.menu('Regroupements')).getByRole('button', { name: 'Créer' }).click();
  await expect(facilitator.idea(transport).getByLabel('Regroupement de l’idée')).toBeVisible();
  await facilitator.idea(transport).getByLabel('Regroupement de l’idée').selectOption({ label: 'Mobilité' });
  const mobility = screen.getByRole('region', { name: 'Mobilité' });
  await expect(mobility).toContainText(transport);
  await expect(screen.getByRole('region', { name: 'Sans regroupement' })).toContainText(gardens);

  // A timer, large.
  await (await facilitator.menu('Minuterie')).getByLabel('Minutes').fill('5');
  await (await facilitator.menu('Minuterie')).getByRole('button', { name: 'Démarrer' }).click();
  await expect(screen.getByRole('timer')).toContainText(/^\s*(5:00|4:5\d)/);

  // The spotlighted idea fills the screen, then leaves it.
  await facilitator.idea(gardens).getByRole('button', { name: 'Mettre à l’écran' }).click();
  await expect(screen.getByTestId('presenter-spotlight')).toContainText(gardens);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-spotlight-1920.png') });
  await facilitatorPage.getByTestId('spotlight').getByRole('button').click();
  await expect(screen.getByTestId('presenter-spotlight')).toHaveCount(0);
  await expect(mobility).toBeVisible();
  await screen.setViewportSize(SMALL_ROOM);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-grouped-1280.png') });
  await screen.setViewportSize(ROOM);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-grouped-1920.png') });
  expect(await axeViolations(screen)).toEqual([]);

  // The vote with hidden totals: the facilitator sees the ranking, the room waits for the reveal.
  await (await facilitator.menu('Modération')).getByLabel('Masquer les totaux du vote').check();
  await facilitator.setPhase('Vote');
  await facilitator.setDots(3);
  await expect(screen.getByText('Vote en cours : les résultats seront dévoilés à la fin.')).toBeVisible();
  await guest.addDot(gardens).click();
  await expect(guest.dotsLeft()).toContainText('Il vous reste 2 points sur 3');
  await guest.addDot(gardens).click();
  await expect(guest.dotsLeft()).toContainText('Il vous reste 1 point sur 3');
  await guest.addDot(transport).click();
  await expect(guest.dotsLeft()).toContainText('Vous avez placé tous vos points (3)');
  // Thirty seconds more for the room: at zero the timer ends the vote by itself.
  const timerMenu = await facilitator.menu('Minuterie');
  await timerMenu.getByLabel('Minutes').fill('0.5');
  await timerMenu.getByLabel('À zéro').selectOption({ label: 'Terminer le vote' });
  await timerMenu.getByRole('button', { name: 'Démarrer' }).click();
  await expect(screen.getByRole('timer')).toContainText(/^\s*0:[0-3]\d/);
  await facilitatorPage.keyboard.press('Escape');
  const facilitatorRanking = facilitatorPage.getByTestId('results-panel');
  await expect(facilitatorRanking).toContainText('Visible par l’animation seulement');
  await facilitatorRanking.locator('summary').click();
  await expect(facilitatorRanking.getByTestId('results-row').nth(0)).toContainText(gardens);
  await expect(facilitatorRanking.getByTestId('results-row').nth(0)).toContainText('2 points');
  await expect(screen.getByTestId('presenter-results')).toHaveCount(0);
  await expect(phone.getByTestId('results-panel')).toHaveCount(0);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-vote-hidden-1920.png') });

  // Zero: the server ends the vote; the room is told, and the totals still wait for the reveal.
  await expect(screen.getByRole('timer')).toContainText('Temps écoulé : vote terminé', { timeout: 40_000 });
  await expect(screen.getByTestId('presenter-phase')).toHaveText('Terminé');
  await expect(facilitatorPage.getByTestId('phase-badge')).toHaveText('Terminé');
  await expect(phone.getByTestId('phase-badge')).toHaveText('Terminé');
  await expect(guest.addDot(pantry)).toHaveCount(0);
  await expect((await facilitator.menu('Minuterie')).getByRole('status')).toHaveText(
    'Le vote a pris fin à zéro.',
  );
  await facilitatorPage.keyboard.press('Escape');
  await expect(screen.getByText('Vote terminé : les résultats seront dévoilés sous peu.')).toBeVisible();
  await expect(screen.getByTestId('presenter-results')).toHaveCount(0);

  // The reveal: the ranking reaches the room's screen as bars.
  await (await facilitator.menu('Modération')).getByRole('button', { name: 'Dévoiler les totaux' }).click();
  const results = screen.getByTestId('presenter-results');
  await expect(results.getByTestId('presenter-result')).toHaveCount(3);
  await expect(results.getByTestId('presenter-result').nth(0)).toContainText(gardens);
  await expect(results.getByTestId('presenter-result').nth(0)).toContainText('2 points');
  await expect(results.getByTestId('presenter-result').nth(1)).toContainText(transport);
  await expect(results.getByTestId('presenter-result').nth(2)).toContainText('0 point');

  // After the vote the ranking stays, for the room and on the board.
  await expect(results.getByTestId('presenter-result').nth(0)).toContainText(gardens);
  await screen.screenshot({ path: path.join(SCREENSHOTS, 'presenter-results-1920.png') });
  expect(await axeViolations(screen)).toEqual([]);
  const ranking = facilitatorPage.getByTestId('results-panel');
  await expect(ranking.getByTestId('results-row').nth(0)).toContainText(gardens);
  await expect(phone.getByTestId('results-panel').getByTestId('results-row').nth(0)).toContainText(gardens);
  await facilitatorPage.screenshot({ path: path.join(SCREENSHOTS, 'board-facilitator-results.png') });
  await phone.evaluate('window.scrollTo(0, 0)');
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'board-participant-results-phone.png') });

  // The results export, from the facilitator's board.
  const csvHref = await ranking.getByRole('link', { name: 'Résultats (CSV)' }).getAttribute('href');
  const csv = await facilitatorPage.request.get(csvHref ?? '');
  expect(csv.status()).toBe(200);
  const rows = (await csv.text()).replace(/^\uFEFF/, '').split('\n');
  expect(rows[0]).toBe(`Résultats,${boardTitle}`);
  expect(rows.find((row) => row.startsWith('1,'))).toContain(gardens);
  const pdfHref = await ranking.getByRole('link', { name: 'Résultats (PDF)' }).getAttribute('href');
  const pdf = await facilitatorPage.request.get(pdfHref ?? '');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // A guest cannot download it.
  expect((await phone.request.get(csvHref ?? '')).status()).toBe(403);
});
