import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, HomePage } from '../fixtures/pages';

/** WCAG 2.1 A/AA rules that axe can check automatically. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('home, board and facilitator views pass the automated WCAG AA checks', async ({ people }) => {
  const phone = await people.open({ viewport: { width: 360, height: 780 } });
  const home = new HomePage(phone);
  await home.goto();
  expect(await violations(phone)).toEqual([]);

  await home.join(DEMO.joinCode, 'Axe');
  await phone.getByRole('link', { name: 'Sécurité alimentaire' }).click();
  const board = new BoardPage(phone);
  await board.waitLive();
  await phone
    .getByRole('button', { name: /Voir le commentaire|Commenter/ })
    .first()
    .click();
  expect(await violations(phone)).toEqual([]);

  const desk = await people.open();
  const deskHome = new HomePage(desk);
  await deskHome.goto();
  await deskHome.login(DEMO.facilitatorEmail, DEMO.password);
  expect(await violations(desk)).toEqual([]);
  await desk.getByRole('link', { name: 'Sécurité alimentaire' }).click();
  await new BoardPage(desk).waitLive();
  expect(await violations(desk)).toEqual([]);
});
