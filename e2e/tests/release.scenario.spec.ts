import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, DashboardPage, HomePage } from '../fixtures/pages';
import { axeViolations } from '../fixtures/axe';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

test('a facilitator holds content until releasing it: private mode, hidden totals, pre-moderation', async ({
  people,
}) => {
  test.setTimeout(180_000); // three guests' worth of steps on a shared machine
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const stamp = Date.now().toString(36);
  const boardTitle = 'Idées en privé';

  const facilitatorPage = await people.open({ viewport: DESKTOP });
  const home = new HomePage(facilitatorPage);
  await home.goto();
  await home.login(DEMO.facilitatorEmail, DEMO.password);
  const { joinCode, card } = await new DashboardPage(facilitatorPage).createForum(`Forum privé ${stamp}`, [
    boardTitle,
  ]);
  await card.getByRole('link', { name: boardTitle }).click();
  const facilitator = new BoardPage(facilitatorPage);
  await facilitator.waitLive();
  await (
    await facilitator.menu('Modération')
  )
    .getByLabel('Mode privé (chacun ne voit que ses idées)')
    .check();

  const guests: BoardPage[] = [];
  for (const name of ['Amélie', 'Bruno']) {
    const page = await people.open({ viewport: PHONE });
    const guestHome = new HomePage(page);
    await guestHome.goto();
    await guestHome.join(joinCode, name);
    const board = new BoardPage(page);
    await board.waitLive();
    guests.push(board);
  }
  const [amelie, bruno] = guests as [BoardPage, BoardPage];
  await expect(amelie.page.getByTestId('release-notice')).toContainText('Mode privé');

  // Private mode: each guest sees only their own idea, marked; the facilitator sees both.
  const post = async (guest: BoardPage, text: string, message: string) => {
    await guest.page.getByLabel('Votre idée').fill(text);
    await guest.page.getByRole('button', { name: 'Publier', exact: true }).click();
    await expect(guest.page.getByRole('status').filter({ hasText: message })).toBeVisible();
  };
  const shuttle = 'Une navette du soir entre les villages';
  const fridge = 'Un frigo communautaire à la maison des jeunes';
  await post(amelie, shuttle, 'Idée enregistrée');
  await post(bruno, fridge, 'Idée enregistrée');
  await expect(amelie.idea(shuttle).getByTestId('idea-held')).toHaveText(
    'Visible par vous seul·e jusqu’au dévoilement',
  );
  await expect(facilitator.idea(shuttle).getByTestId('idea-held')).toHaveText('Privée jusqu’au dévoilement');
  await expect(facilitator.idea(fridge)).toBeVisible();
  await expect(bruno.idea(fridge)).toBeVisible();
  await expect(bruno.idea(shuttle)).toHaveCount(0);
  await expect(amelie.idea(fridge)).toHaveCount(0);
  await bruno.page.screenshot({ path: path.join(SCREENSHOTS, 'board-private-guest-phone.png') });
  await facilitatorPage.screenshot({ path: path.join(SCREENSHOTS, 'board-private-facilitator.png') });
  expect(await axeViolations(facilitatorPage)).toEqual([]);
  expect(await axeViolations(bruno.page)).toEqual([]);

  // The reveal: both ideas reach both guests, with their authors.
  await (
    await facilitator.menu('Modération')
  )
    .getByRole('button', { name: 'Dévoiler les 2 idées privées' })
    .click();
  await expect(bruno.idea(shuttle)).toContainText('Amélie');
  await expect(amelie.idea(fridge)).toContainText('Bruno');
  await expect(amelie.idea(shuttle).getByTestId('idea-held')).toHaveCount(0);

  // A vote with hidden totals: each guest sees their own dots, nobody else's until the reveal.
  await (await facilitator.menu('Modération')).getByLabel('Masquer les totaux du vote').check();
  await facilitator.setPhase('Vote');
  await facilitator.setDots(3);
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 3 points sur 3');
  await bruno.addDot(shuttle).click();
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 2 points sur 3');
  await bruno.addDot(shuttle).click();
  await expect(bruno.idea(shuttle).getByTestId('my-votes')).toHaveText('Mes points : 2');
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 1 point sur 3');
  await expect(amelie.idea(shuttle)).toContainText('Total masqué jusqu’au dévoilement');
  await expect(facilitator.idea(shuttle)).toContainText('2 points au total');
  await bruno.page.reload();
  await bruno.waitLive();
  await expect(bruno.idea(shuttle).getByTestId('my-votes')).toHaveText('Mes points : 2');
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 1 point sur 3');
  await bruno.page.screenshot({ path: path.join(SCREENSHOTS, 'board-hidden-totals-guest-phone.png') });
  await (await facilitator.menu('Modération')).getByRole('button', { name: 'Dévoiler les totaux' }).click();
  await expect(amelie.idea(shuttle)).toContainText('2 points au total');

  // Pre-moderation: an idea waits for approval; a refused one tells its author why.
  await facilitator.setPhase('Collecte');
  await (await facilitator.menu('Modération')).getByLabel('Approuver les idées avant publication').check();
  const workshop = 'Des ateliers de cuisine entre générations';
  const spam = 'Achetez mes billets de hockey';
  await post(amelie, workshop, 'Idée envoyée');
  await post(amelie, spam, 'Idée envoyée');
  await expect(amelie.idea(workshop).getByTestId('idea-held')).toHaveText('En attente d’approbation');
  await expect(bruno.idea(workshop)).toHaveCount(0);
  await expect(facilitator.panel).toContainText('2 idées en attente');
  await facilitator.idea(workshop).getByRole('button', { name: 'Approuver' }).click();
  await expect(bruno.idea(workshop)).toBeVisible();
  await facilitator.idea(spam).getByRole('button', { name: 'Refuser' }).click();
  const dialog = facilitatorPage.getByRole('dialog', { name: 'Masquer cette idée' });
  await dialog.getByLabel('Motif (obligatoire)').fill('Hors sujet');
  await dialog.getByRole('button', { name: 'Masquer l’idée' }).click();
  await expect(amelie.idea(spam).getByTestId('hidden-reason')).toHaveText(
    'Motif : Hors sujet — Masquée par l’animation',
  );
  await expect(bruno.idea(spam)).toHaveCount(0);
  await amelie.page.screenshot({ path: path.join(SCREENSHOTS, 'board-refused-guest-phone.png') });
  expect(await axeViolations(amelie.page)).toEqual([]);
});
