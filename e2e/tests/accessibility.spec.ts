import { DEMO, expect, test } from '../fixtures/users';
import { BoardPage, HomePage } from '../fixtures/pages';
import { axeViolations } from '../fixtures/axe';

test('home, board and facilitator views pass the automated WCAG AA checks', async ({ people }) => {
  const phone = await people.open({ viewport: { width: 360, height: 780 } });
  const home = new HomePage(phone);
  await home.goto();
  expect(await axeViolations(phone)).toEqual([]);

  await home.join(DEMO.joinCode, 'Axe');
  await phone.getByRole('link', { name: 'Sécurité alimentaire' }).click();
  const board = new BoardPage(phone);
  await board.waitLive();
  await phone
    .getByRole('button', { name: /Voir le commentaire|Commenter/ })
    .first()
    .click();
  expect(await axeViolations(phone)).toEqual([]);

  const desk = await people.open();
  const deskHome = new HomePage(desk);
  await deskHome.goto();
  await deskHome.login(DEMO.facilitatorEmail, DEMO.password);
  expect(await axeViolations(desk)).toEqual([]);
  await desk.getByRole('link', { name: 'Sécurité alimentaire' }).click();
  await new BoardPage(desk).waitLive();
  expect(await axeViolations(desk)).toEqual([]);
});
