import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, HomePage } from '../fixtures/pages';

test('an idea written offline waits, then syncs when the connection is back', async ({ people }) => {
  const page = await people.open({ viewport: { width: 360, height: 780 } });
  const home = new HomePage(page);
  await home.goto();
  await home.join(DEMO.joinCode, 'Hors Ligne');
  await page.locator('.board-links a').first().click();
  const board = new BoardPage(page);
  await board.waitLive();

  await page.context().setOffline(true);
  const status = page.getByTestId('connection-status');
  await expect(status).toContainText('Hors ligne');

  const text = `Écrite dans le sous-sol sans réseau ${Date.now().toString(36)}`;
  await page.getByLabel('Votre idée').fill(text);
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Idée enregistrée' })).toBeVisible();
  await expect(page.getByLabel('Votre idée')).toHaveValue('');
  await expect(status).toContainText('1 en attente');

  await page.context().setOffline(false);
  await expect(status).toContainText('En direct', { timeout: 15_000 });
  await expect(board.idea(text)).toBeVisible();
  await expect(status).not.toContainText('en attente');
});
