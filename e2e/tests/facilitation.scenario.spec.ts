import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, DashboardPage, HomePage } from '../fixtures/pages';
import { axeViolations } from '../fixtures/axe';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const WIDE = { width: 1440, height: 900 };

/** Real, short, French ideas of a regional forum (seeds/forum-ouvert-press-release-2022.txt in spirit). */
const IDEAS = [
  'Un service de transport collectif le soir entre Huntingdon et Valleyfield',
  'Des jardins communautaires près des écoles',
  'Un répertoire commun des ressources en sécurité alimentaire',
  'Des logements abordables pour les aînés à Beauharnois',
  'Une navette vers les services de santé du Haut-Saint-Laurent',
  'Des cuisines collectives dans chaque MRC',
  'Un guichet unique pour les nouveaux arrivants',
  'Du covoiturage organisé pour les travailleurs agricoles',
  'Des haltes-garderies pendant les rencontres citoyennes',
  'Un fonds pour les initiatives jeunesse',
  'Des ateliers de littératie numérique à la bibliothèque',
  'Un marché public itinérant l’été',
  'Des logements sociaux près des transports',
  'Une table de concertation en santé mentale',
  'Des pistes cyclables entre les villages',
  'Un frigo communautaire au centre-ville',
  'Des bourses pour la réussite éducative',
  'Un bottin des organismes traduit en anglais',
];

test('facilitation at the room’s scale: a compact toolbar, bulk hide of two ideas, a pace, and a phone that shows five ideas', async ({
  people,
}) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const stamp = Date.now().toString(36);
  const boardTitle = 'Idées pour la région';

  const facilitatorPage = await people.open({ viewport: WIDE });
  const home = new HomePage(facilitatorPage);
  await home.goto();
  await home.login(DEMO.facilitatorEmail, DEMO.password);
  const { joinCode, card } = await new DashboardPage(facilitatorPage).createForum(`Forum ${stamp}`, [
    boardTitle,
  ]);
  await card.getByRole('link', { name: boardTitle }).click();
  const facilitator = new BoardPage(facilitatorPage);
  await facilitator.waitLive();

  // Two guests; the forum has one board, so joining opens it.
  const join = async (name: string, viewport: { width: number; height: number }) => {
    const page = await people.open({ viewport });
    const guestHome = new HomePage(page);
    await guestHome.goto();
    await guestHome.join(joinCode, name);
    await expect(page).toHaveURL(/\/boards\//);
    const board = new BoardPage(page);
    await board.waitLive();
    return board;
  };
  const claire = await join('Claire', { width: 1024, height: 768 });
  const bruno = await join('Bruno', PHONE);

  // Claire brings most of the ideas; a cluster exists, so new ideas land under "Sans regroupement".
  const clusters = await facilitator.menu('Regroupements');
  await clusters.getByLabel('Nom du regroupement').fill('Mobilité');
  await clusters.getByRole('button', { name: 'Créer' }).click();
  await facilitatorPage.keyboard.press('Escape');
  await expect(clusters).toBeHidden();
  for (const text of IDEAS) await claire.post(text);
  const spam = ['Achetez des billets pas chers !!!', 'Visitez mon site de paris en ligne'];
  for (const text of spam) await claire.post(text);
  await expect(facilitator.idea(spam[1]!)).toBeVisible();

  // Bulk: tick the two spam ideas (the second with Shift: a range of one), hide them with one reason.
  await facilitator.idea(spam[0]!).getByTestId('idea-select').check();
  await facilitator
    .idea(spam[1]!)
    .getByTestId('idea-select')
    .click({ modifiers: ['Shift'] });
  const bulk = facilitatorPage.getByTestId('bulk-bar');
  await expect(bulk).toContainText('2 idées sélectionnées');
  await bulk.getByRole('button', { name: 'Masquer la sélection' }).click();
  const dialog = facilitatorPage.getByRole('dialog', { name: 'Masquer 2 idées' });
  await dialog.getByLabel('Motif (obligatoire)').fill('Publicité');
  await dialog.getByRole('button', { name: 'Masquer les 2 idées' }).click();
  await expect(dialog).toBeHidden();
  for (const text of spam) {
    await expect(facilitator.idea(text).getByText('Masquée', { exact: true })).toBeVisible();
    // Bruno never sees them; Claire, their author, sees that they were hidden and why.
    await expect(bruno.idea(text)).toHaveCount(0);
    await expect(claire.idea(text).getByTestId('hidden-reason')).toContainText('Publicité');
  }
  await expect(bulk).not.toContainText('sélectionnées');

  // Bulk move: three ideas into the cluster at once.
  for (const text of IDEAS.slice(0, 3)) await facilitator.idea(text).getByTestId('idea-select').check();
  await bulk.getByLabel('Déplacer la sélection vers un regroupement').selectOption({ label: 'Mobilité' });
  const mobility = facilitatorPage.getByRole('region', { name: /^Mobilité/ });
  for (const text of IDEAS.slice(0, 3)) await expect(mobility.getByText(text, { exact: true })).toBeVisible();

  // The toolbar's menus work from the keyboard: Enter opens one, Escape closes it and gives focus back.
  const participationButton = facilitator.panel.getByRole('button', { name: /^Participation/ });
  await participationButton.focus();
  await facilitatorPage.keyboard.press('Enter');
  await expect(facilitator.panel.getByRole('group', { name: 'Participation' })).toBeVisible();
  await facilitatorPage.keyboard.press('Tab');
  await expect(facilitator.panel.getByLabel('Points par personne')).toBeFocused();
  await facilitatorPage.keyboard.press('Escape');
  await expect(facilitator.panel.getByRole('group', { name: 'Participation' })).toBeHidden();
  await expect(participationButton).toBeFocused();

  // A pace of 30 s: Bruno's second idea is refused with the time to wait.
  const participation = await facilitator.menu('Participation');
  await participation.getByLabel(/Rythme/).fill('30');
  await participation.getByRole('button', { name: 'Appliquer le rythme' }).click();
  await expect(bruno.page.getByTestId('release-notice')).toContainText(
    'Une idée par personne toutes les 30 secondes',
  );

  // Bruno on his phone: his new idea lands under "Sans regroupement" and is brought into view.
  const mine = 'Un bottin des organismes en ligne';
  await bruno.post(mine);
  await expect(bruno.idea(mine)).toBeInViewport();
  await bruno.page.getByLabel('Votre idée').fill('Une deuxième idée trop vite');
  await bruno.page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(bruno.page.getByTestId('board-error')).toContainText(
    /vous pourrez en publier une autre dans \d+ secondes/,
  );

  // At least five ideas fit on a 360 × 780 screen, under the board's sticky bar: the list scrolled
  // to Bruno's own idea (the one he just posted), then to the first one of the list.
  await bruno.page.getByTestId('board-error').getByRole('button').click();
  const fitting = () =>
    bruno.page.evaluate(`(() => {
      const bar = document.querySelector('.board-bar').getBoundingClientRect().bottom;
      return [...document.querySelectorAll('[data-testid="idea-card"]')].filter((card) => {
        const box = card.getBoundingClientRect();
        return box.top >= bar && box.bottom <= window.innerHeight;
      }).length;
    })()`) as Promise<number>;
  for (const card of [bruno.idea(mine), bruno.page.getByTestId('idea-card').first()]) {
    const top = await card.evaluate((el) => el.getBoundingClientRect().top);
    await bruno.page.evaluate(
      `window.scrollBy(0, ${top} - document.querySelector('.board-bar').getBoundingClientRect().height - 4)`,
    );
    expect(await fitting()).toBeGreaterThanOrEqual(5);
  }

  // Screenshots, looked at as the room's facilitator and as a guest on a phone would.
  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  };
  await shoot(bruno.page, 'board-guest-phone-20-ideas');
  await facilitatorPage.evaluate('window.scrollTo(0, 0)');
  await facilitatorPage.getByTestId('idea-select').nth(4).check();
  await facilitatorPage
    .getByTestId('idea-select')
    .nth(6)
    .click({ modifiers: ['Shift'] });
  await shoot(facilitatorPage, 'board-facilitator-toolbar-1440');
  await facilitator.menu('Modération');
  await shoot(facilitatorPage, 'board-facilitator-toolbar-menu-1440');
  // No automated WCAG A/AA finding with a selection, the bulk bar and a menu open, nor on the phone.
  expect(await axeViolations(facilitatorPage)).toEqual([]);
  expect(await axeViolations(bruno.page)).toEqual([]);
  await facilitatorPage.keyboard.press('Escape');
  await facilitatorPage.getByRole('button', { name: 'Tout désélectionner' }).click();

  // Removing a participant: Claire's connections end, and her device cannot join again.
  facilitatorPage.once('dialog', (confirm) => void confirm.accept());
  const claireIdea = facilitator.idea(IDEAS[5]!);
  await claireIdea.getByText('Plus…').click();
  await claireIdea.getByRole('button', { name: 'Retirer du forum' }).click();
  const ended = claire.page.getByRole('alert').filter({ hasText: 'Votre session sur ce forum a pris fin.' });
  await expect(ended).toBeVisible();
  await claire.page.evaluate('window.scrollTo(0, 0)');
  await shoot(claire.page, 'board-guest-removed');
  await ended.getByRole('link', { name: 'Rejoindre un forum' }).click();
  await claire.page.getByLabel('Code du forum').fill(joinCode);
  await claire.page.getByLabel('Votre nom ou un pseudonyme').fill('Claire');
  await claire.page.getByRole('button', { name: 'Entrer dans le forum' }).click();
  await expect(claire.page.getByText('Une personne animatrice vous a retiré·e de ce forum.')).toBeVisible();
  await expect(bruno.idea(mine)).toBeVisible(); // Bruno stays

  // Bulk promotion of two ideas; the guest sees that they were taken up, with no link he cannot open.
  for (const text of IDEAS.slice(6, 8)) await facilitator.idea(text).getByTestId('idea-select').check();
  await facilitatorPage
    .getByTestId('bulk-bar')
    .getByRole('button', { name: 'En faire une proposition' })
    .click();
  const promote = facilitatorPage.getByRole('dialog', { name: 'Faire de ces idées une proposition' });
  await promote.getByRole('button', { name: 'Créer la proposition' }).click();
  await expect(facilitatorPage).toHaveURL(/\/proposals\//);
  for (const text of IDEAS.slice(6, 8)) {
    await expect(bruno.idea(text).getByTestId('idea-proposal-note')).toHaveText(
      'Reprise dans une proposition',
    );
    await expect(bruno.idea(text).getByRole('link')).toHaveCount(0);
  }
});
