import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage } from '../fixtures/pages';
import type { Page } from '@playwright/test';

/** Presses Tab until `target` has focus (keyboard only, no clicks); fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

test('the language switch translates the UI and is remembered', async ({ people }) => {
  const page = await people.open();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Rejoindre un forum' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Join a forum' })).toBeVisible();
  await expect(page.getByLabel('Forum code')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Join a forum' })).toBeVisible();

  // Errors are translated too.
  await page.getByLabel('Forum code').fill('ZZZZ9999');
  await page.getByLabel('Your name or a nickname').fill('Test');
  await page.getByRole('button', { name: 'Enter the forum' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'This code does not match any open forum.' }),
  ).toBeVisible();

  // The live board speaks English too, and switches back without reloading.
  await page.getByLabel('Forum code').fill(DEMO.joinCode);
  await page.getByRole('button', { name: 'Enter the forum' }).click();
  await page.getByRole('link', { name: 'Sécurité alimentaire' }).click();
  await expect(page.getByTestId('connection-status')).toContainText('Live');
  await expect(page.getByLabel('Your idea')).toBeVisible();
  await expect(page.getByTestId('phase-badge')).toHaveText('Collect');
  await expect(page.getByRole('heading', { level: 2, name: /^\d+ ideas?$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByLabel('Votre idée')).toBeVisible();
  await expect(page.getByTestId('phase-badge')).toHaveText('Collecte');
  await expect(page.getByTestId('connection-status')).toContainText('En direct');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('a participant joins and posts an idea with the keyboard only', async ({ people }) => {
  const page = await people.open({ viewport: { width: 360, height: 780 } });
  await page.goto('/');

  const code = page.getByLabel('Code du forum');
  await tabTo(page, code);
  await page.keyboard.type(DEMO.joinCode.toLowerCase()); // lower case is accepted
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Votre nom ou un pseudonyme')).toBeFocused();
  await page.keyboard.type('Clavier Seulement');
  await page.keyboard.press('Enter');

  // The demo forum has several boards: pick the first one with Tab and Enter.
  await expect(page.getByRole('heading', { name: 'Tableaux d’idées' })).toBeVisible();
  const firstBoard = page.locator('.board-links a').first();
  await tabTo(page, firstBoard);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/o\/concertation-horizon\/boards\//);

  const board = new BoardPage(page);
  await board.waitLive();
  const composer = page.getByLabel('Votre idée');
  await tabTo(page, composer);
  const text = `Idée au clavier ${Date.now().toString(36)}`;
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Idée publiée.' })).toBeVisible();
  await expect(board.idea(text)).toBeVisible();
  await expect(composer).toHaveValue('');
  await expect(composer).toBeFocused();

  // Reacting works from the keyboard too: focus the first reaction of the new idea and press Space.
  const like = board.idea(text).getByRole('button', { name: /J’appuie/ });
  await tabTo(page, like, 80);
  await page.keyboard.press('Space');
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(like).toHaveAccessibleName('J’appuie : 1');

  // Editing and deleting one's own idea, still from the keyboard.
  const editButton = board.idea(text).getByRole('button', { name: 'Modifier' });
  await tabTo(page, editButton, 20);
  await page.keyboard.press('Enter');
  const editor = page.getByLabel('Modifier l’idée');
  await expect(editor).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' (précisée)');
  await page.keyboard.press('Control+Enter');
  const edited = board.idea(`${text} (précisée)`);
  await expect(edited).toBeVisible();
  await expect(edited).toContainText('modifiée');
  await expect(edited.getByRole('button', { name: 'Modifier' })).toBeFocused();

  page.once('dialog', (dialog) => void dialog.accept());
  const deleteButton = edited.getByRole('button', { name: 'Supprimer' });
  await tabTo(page, deleteButton, 3);
  await page.keyboard.press('Enter');
  await expect(edited).toHaveCount(0);
});
