import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, HomePage } from '../fixtures/pages';

/** Joins the demo forum as a guest and opens its first board, live. */
async function openBoardAsGuest(page: Page, name: string): Promise<BoardPage> {
  const home = new HomePage(page);
  await home.goto();
  await home.join(DEMO.joinCode, name);
  await page.locator('.board-links a').first().click();
  const board = new BoardPage(page);
  await board.waitLive();
  return board;
}

/** The idea texts waiting in this page's outbox (IndexedDB), read as the app stores them. */
async function storedIdeaTexts(page: Page): Promise<string[]> {
  // A string: the e2e project has no DOM types.
  const texts = await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('cocon-outbox');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('intents')) return resolve([]);
      const all = db.transaction('intents').objectStore('intents').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () =>
        resolve(all.result.flat().filter((e) => e.event === 'idea:post').map((e) => e.payload.text));
    };
  })`);
  return texts as string[];
}

test('an idea written offline waits, then syncs when the connection is back', async ({ people }) => {
  const page = await people.open({ viewport: { width: 360, height: 780 } });
  const board = await openBoardAsGuest(page, 'Hors Ligne');

  await page.context().setOffline(true);
  const status = page.getByTestId('connection-status');
  await expect(status).toContainText('Hors ligne');

  const text = `Écrite dans le sous-sol sans réseau ${Date.now().toString(36)}`;
  await page.getByLabel('Votre idée').fill(text);
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Idée en attente' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Idée enregistrée' })).toHaveCount(0);
  await expect(page.getByTestId('pending-idea').filter({ hasText: text })).toContainText('en attente');
  await expect(page.getByLabel('Votre idée')).toHaveValue('');
  await expect(status).toContainText('1 en attente');

  await page.context().setOffline(false);
  await expect(status).toContainText('En direct', { timeout: 15_000 });
  await expect(board.idea(text)).toBeVisible();
  await expect(status).not.toContainText('en attente');
  await expect(page.getByRole('status').filter({ hasText: 'Idée publiée.' })).toBeVisible();
  await expect(page.getByTestId('pending-ideas')).toHaveCount(0);
});

test('an idea posted offline survives closing the tab and reaches the others once', async ({ people }) => {
  const witnessPage = await people.open();
  const witness = await openBoardAsGuest(witnessPage, 'Témoin');

  const page = await people.open({ viewport: { width: 360, height: 780 } });
  await openBoardAsGuest(page, 'Tunnel');
  const boardUrl = page.url();
  const context = page.context();

  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Hors ligne');
  const text = `Écrite dans le tunnel, onglet fermé ${Date.now().toString(36)}`;
  await page.getByLabel('Votre idée').fill(text);
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Idée en attente' })).toBeVisible();
  await expect(page.getByTestId('pending-idea').filter({ hasText: text })).toBeVisible();
  // Written to IndexedDB, not only held in memory: closing the tab keeps it.
  await expect.poll(() => storedIdeaTexts(page)).toEqual([text]);

  await page.close();
  await expect(witness.idea(text)).toHaveCount(0);

  await context.setOffline(false);
  const reopened = await context.newPage();
  await reopened.goto(boardUrl);
  const board = new BoardPage(reopened);
  await board.waitLive();

  await expect(witness.idea(text)).toBeVisible({ timeout: 15_000 });
  await expect(board.idea(text)).toBeVisible();
  await expect(reopened.getByTestId('connection-status')).not.toContainText('en attente');
  await expect.poll(() => storedIdeaTexts(reopened)).toEqual([]);
  // Replayed once: one card on both boards (the idea id makes a second send the same idea).
  await expect(witness.idea(text)).toHaveCount(1);
  await expect(board.idea(text)).toHaveCount(1);
});
