import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, HomePage } from '../fixtures/pages';

test('a facilitator groups ideas by drag and drop, locks the board and exports it', async ({ people }) => {
  const page = await people.open({ viewport: { width: 1280, height: 1000 } });
  const home = new HomePage(page);
  await home.goto();
  await home.login(DEMO.facilitatorEmail, DEMO.password);

  // A fresh board in the demo forum, so the test does not depend on earlier runs.
  const boardTitle = `Atelier ${Date.now().toString(36)}`;
  const forum = page.getByRole('article').filter({ hasText: DEMO.joinCode });
  await forum.getByLabel('Titre du nouveau tableau').fill(boardTitle);
  await forum.getByRole('button', { name: 'Ajouter un tableau' }).click();
  await forum.getByRole('link', { name: boardTitle }).click();
  const board = new BoardPage(page);
  await board.waitLive();
  const text = 'Rendre nos documents accessibles en langage clair';
  await board.post(text);

  // A participant follows along on a phone.
  const phone = await people.open({ viewport: { width: 360, height: 780 } });
  const guestHome = new HomePage(phone);
  await guestHome.goto();
  await guestHome.join(DEMO.joinCode, 'Observatrice');
  await phone.getByRole('link', { name: boardTitle }).click();
  const guest = new BoardPage(phone);
  await guest.waitLive();
  await expect(guest.idea(text)).toBeVisible();

  // Create a group and drag the first idea into it with the mouse, by its handle.
  const groupName = `Accessibilité ${Date.now().toString(36)}`;
  await (await board.menu('Regroupements')).getByLabel('Nom du regroupement').fill(groupName);
  await (await board.menu('Regroupements')).getByRole('button', { name: 'Créer' }).click();
  const section = page.getByRole('region', { name: new RegExp(`^${groupName}`) });
  await expect(section).toBeVisible();
  const card = board.idea(text);
  const handle = card.getByRole('button', { name: 'Glisser pour déplacer l’idée' });
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  const to = await section.getByRole('heading').boundingBox();
  if (!from || !to) throw new Error('no layout');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 20, { steps: 15 });
  await page.mouse.up();
  await expect(section.getByTestId('idea-text').getByText(text, { exact: true })).toBeVisible();
  await expect(
    phone.getByRole('region', { name: new RegExp(`^${groupName}`) }).getByText(text, { exact: true }),
  ).toBeVisible();

  // Locking hides the composer for participants and says why.
  // A half-written idea is kept while the composer is away.
  const draft = 'Des rampes à l’entrée de la salle communautaire';
  await phone.getByLabel('Votre idée').fill(draft);
  await board.panel.getByLabel('Verrouiller le tableau').check();
  await expect(phone.getByText('Tableau verrouillé')).toBeVisible();
  await expect(phone.getByLabel('Votre idée')).toHaveCount(0);
  await board.panel.getByLabel('Verrouiller le tableau').uncheck();
  await expect(phone.getByLabel('Votre idée')).toHaveValue(draft);

  // The join code can be projected full screen.
  await board.panel.getByRole('button', { name: 'Afficher le code en grand' }).click();
  const projection = page.getByRole('dialog', { name: 'Rejoignez le forum' });
  await expect(projection).toContainText(DEMO.joinCode);
  await page.keyboard.press('Escape');
  await expect(projection).toBeHidden();

  // Exports download with the session cookie.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    (await board.menu('Exporter')).getByRole('link', { name: 'Exporter en CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    (await board.menu('Exporter')).getByRole('link', { name: 'Exporter en Markdown' }).click(),
  ]);
  expect(md.suggestedFilename()).toMatch(/\.md$/);

  // Pausing the timer freezes everyone's countdown.
  await (await board.menu('Minuterie')).getByLabel('Minutes').fill('3');
  await (await board.menu('Minuterie')).getByRole('button', { name: 'Démarrer' }).click();
  await expect(phone.getByRole('timer')).toContainText(/[23]:\d\d/);
  await (await board.menu('Minuterie')).getByRole('button', { name: 'Pause' }).click();
  await expect(phone.getByRole('timer')).toContainText('En pause');
  await (await board.menu('Minuterie')).getByRole('button', { name: 'Reprendre' }).click();
  await expect(phone.getByRole('timer')).not.toContainText('En pause');
  await (await board.menu('Minuterie')).getByRole('button', { name: 'Effacer' }).click();
  await expect(phone.getByRole('timer')).toHaveCount(0);
});
