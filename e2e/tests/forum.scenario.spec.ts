import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, DashboardPage, HomePage } from '../fixtures/pages';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

test('a facilitator runs a forum: live ideas, moderation, dot voting', async ({ people }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const stamp = Date.now().toString(36);
  const forumTitle = `Forum e2e ${stamp}`;
  const boardTitle = 'Nos priorités pour 2026';

  // The facilitator signs in and creates a forum with one board.
  const facilitatorPage = await people.open({ viewport: DESKTOP });
  const facilitatorHome = new HomePage(facilitatorPage);
  await facilitatorHome.goto();
  await facilitatorHome.login(DEMO.facilitatorEmail, DEMO.password);
  const { joinCode, card } = await new DashboardPage(facilitatorPage).createForum(forumTitle, [boardTitle]);
  await facilitatorPage.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
  await card.getByRole('link', { name: boardTitle }).click();
  const facilitator = new BoardPage(facilitatorPage);
  await facilitator.waitLive();
  await expect(facilitator.panel).toBeVisible();
  await expect(facilitator.panel.getByTestId('board-join-code')).toHaveText(joinCode);

  // Two guests join with the code on phones; a one-board forum opens the board directly.
  const guests: BoardPage[] = [];
  for (const name of ['Amélie', 'Bruno']) {
    const page = await people.open({ viewport: PHONE });
    const home = new HomePage(page);
    await home.goto();
    if (name === 'Amélie')
      await page.screenshot({ path: path.join(SCREENSHOTS, 'home-phone.png'), fullPage: true });
    await home.join(joinCode, name);
    // A guest's board lives under its forum's organisation too.
    await expect(page).toHaveURL(/\/o\/concertation-horizon\/boards\//);
    await expect(page.getByRole('heading', { level: 1, name: boardTitle })).toBeVisible();
    const board = new BoardPage(page);
    await board.waitLive();
    await expect(board.panel).toHaveCount(0);
    guests.push(board);
  }
  const [amelie, bruno] = guests as [BoardPage, BoardPage];
  await expect(facilitatorPage.getByRole('button', { name: /3 personnes/ })).toBeVisible();

  // An idea posted by one guest reaches the other within a second of its acknowledgement.
  const offTopic = 'Vendez vos billets de hockey ici !';
  await amelie.post(offTopic);
  await expect(bruno.idea(offTopic)).toBeVisible({ timeout: 1000 });
  await expect(facilitator.idea(offTopic)).toBeVisible();

  // Two more ideas for the vote.
  const transport = 'Un service de transport collectif entre Huntingdon et Valleyfield, le soir aussi';
  const garden = 'Des jardins communautaires près des écoles, entretenus avec les familles';
  await amelie.post(transport);
  await bruno.post(garden);
  await expect(amelie.idea(garden)).toBeVisible({ timeout: 1000 });

  // The facilitator hides the off-topic idea: gone for the other guest, greyed with its reason for the
  // facilitator, and its author is told it was hidden and why (issue 13 item 6).
  await facilitator.hide(offTopic, 'Hors sujet');
  await expect(bruno.idea(offTopic)).toHaveCount(0);
  await expect(amelie.idea(offTopic)).toHaveClass(/is-hidden/);
  await expect(amelie.idea(offTopic).getByTestId('hidden-reason')).toHaveText(
    'Motif : Hors sujet — Masquée par l’animation',
  );
  const hidden = facilitator.idea(offTopic);
  await expect(hidden).toHaveClass(/is-hidden/);
  await expect(hidden).toContainText('Motif : Hors sujet');
  await expect(hidden.getByRole('button', { name: 'Rétablir' })).toBeVisible();

  // Put an idea on screen for everyone.
  await facilitator.idea(transport).getByRole('button', { name: 'Mettre à l’écran' }).click();
  await expect(bruno.page.getByTestId('spotlight')).toContainText(transport);

  // Group an idea with the plain "move to" select (the keyboard and phone path for drag and drop).
  await (await facilitator.menu('Regroupements')).getByLabel('Nom du regroupement').fill('Mobilité');
  await (await facilitator.menu('Regroupements')).getByRole('button', { name: 'Créer' }).click();
  await expect(bruno.page.getByRole('heading', { name: /Mobilité/ })).toBeVisible();
  await facilitator.idea(transport).getByLabel('Regroupement de l’idée').selectOption({ label: 'Mobilité' });
  await expect(bruno.page.getByRole('region', { name: /^Mobilité/ })).toContainText(transport);

  // A comment and a reaction, as people do during the discussion.
  await bruno.idea(garden).getByRole('button', { name: 'Commenter' }).click();
  await bruno.idea(garden).getByLabel('Votre commentaire').fill('Oui, avec les CPE du quartier aussi.');
  await bruno.idea(garden).getByRole('button', { name: 'Envoyer' }).click();
  await expect(amelie.idea(garden).getByRole('button', { name: 'Voir le commentaire (1)' })).toBeVisible();
  await amelie.idea(garden).getByRole('button', { name: 'J’appuie : 0' }).click();
  await expect(bruno.idea(garden).getByRole('button', { name: 'J’appuie : 1' })).toBeVisible();

  // A 10-minute timer everyone sees.
  await (await facilitator.menu('Minuterie')).getByLabel('Minutes').fill('10');
  await (await facilitator.menu('Minuterie')).getByRole('button', { name: 'Démarrer' }).click();
  await expect(bruno.page.getByRole('timer')).toContainText(/^\s*(10:00|9:5\d)/);

  // Vote phase with 3 dots each.
  await facilitator.setPhase('Vote');
  await facilitator.setDots(3);
  await expect(bruno.page.getByTestId('phase-badge')).toHaveText('Vote');
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 3 points sur 3');
  await expect(bruno.page.getByLabel('Votre idée')).toHaveCount(0); // no posting while voting

  await bruno.addDot(transport).click();
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 2 points sur 3');
  await bruno.addDot(transport).click();
  await expect(bruno.dotsLeft()).toContainText('Il vous reste 1 point sur 3');
  await bruno.addDot(garden).click();
  await expect(bruno.dotsLeft()).toContainText('Vous avez placé tous vos points (3)');
  await expect(bruno.idea(transport).getByTestId('my-votes')).toHaveText('Mes points : 2');
  // A fourth dot is not offered anywhere.
  await expect(bruno.addDot(transport)).toBeDisabled();
  await expect(bruno.addDot(garden)).toBeDisabled();
  await expect(facilitator.idea(transport)).toContainText('2 points au total');

  // Screenshots of the live board for a visual review (top of the page, then the whole page).
  const shoot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
  };
  await shoot(bruno.page, 'board-participant-phone');
  await amelie.page.setViewportSize(DESKTOP);
  await shoot(amelie.page, 'board-participant-desktop');
  await shoot(facilitatorPage, 'board-facilitator-desktop');
  // On a phone the facilitator's toolbar starts with its menus closed.
  await facilitatorPage.setViewportSize(PHONE);
  await facilitatorPage.reload();
  await facilitator.waitLive();
  await expect(facilitator.panel.getByRole('button', { name: /^Participation/ })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await shoot(facilitatorPage, 'board-facilitator-phone');
});
