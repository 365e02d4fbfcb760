import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/users';
import { BoardPage } from '../fixtures/pages';
import { DEMO_PROPOSAL_TITLE, PEOPLE, ProposalListPage, ProposalPage, signIn } from '../fixtures/proposals';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

test.setTimeout(120_000);

test('two members co-write the same proposal live: rich text and the same objective field', async ({
  people,
}) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const open = async (email: string, viewport = DESKTOP): Promise<ProposalPage> => {
    const page = await people.open({ viewport });
    await signIn(page, email);
    const list = new ProposalListPage(page);
    await list.goto();
    // The search ignores accents: "reseau regional" finds "Réseau régional".
    await list.search('reseau regional de frigos');
    await expect(list.card(DEMO_PROPOSAL_TITLE)).toBeVisible();
    return list.open(DEMO_PROPOSAL_TITLE);
  };
  const lea = await open(PEOPLE.writer.email);
  const camille = await open(PEOPLE.writer2.email);

  // Each sees the other in the presence list.
  await expect(lea.page.getByTestId('people-here')).toContainText(PEOPLE.writer2.name);
  await expect(camille.page.getByTestId('people-here')).toContainText(PEOPLE.writer.name);

  // One starts the description; then both type in it at once, each at their own spot.
  await lea.typeInEditor('Description du projet', 'Des frigos dans chaque MRC.');
  await expect(camille.editor('Description du projet')).toContainText('Des frigos dans chaque MRC.');
  await Promise.all([
    (async () => {
      await lea.page.keyboard.press('Enter');
      await lea.page.keyboard.type('Porté par les tables locales.', { delay: 20 });
    })(),
    (async () => {
      // A click at the very start of the first paragraph: ProseMirror takes a click's position
      // at once, while it reads a Ctrl+Home from the DOM a moment later, and a remote change
      // arriving in between put the caret back where it was (seen once in CI).
      await camille
        .editor('Description du projet')
        .locator('p')
        .first()
        .click({ position: { x: 1, y: 4 } });
      await camille.page.keyboard.type('Pourquoi ? ', { delay: 20 });
    })(),
  ]);
  for (const view of [lea, camille]) {
    const editor = view.editor('Description du projet');
    await expect(editor).toContainText('Des frigos dans chaque MRC.');
    await expect(editor).toContainText('Porté par les tables locales.');
    await expect(editor).toContainText('Pourquoi ?');
  }
  await expect(
    lea
      .editor('Description du projet')
      .locator('.collaboration-carets__label', { hasText: PEOPLE.writer2.name }),
  ).toBeVisible();
  await expect(
    camille
      .editor('Description du projet')
      .locator('.collaboration-carets__label', { hasText: PEOPLE.writer.name }),
  ).toBeVisible();

  // Both type in the same objective field at once: the characters merge, nobody's text is lost.
  // Where both type at the same spot at the same instant, one word may be cut once by the other
  // (the CRDT orders concurrent characters by author), so each text is checked letter by letter.
  const objective = 'Énoncé de l’objectif spécifique 1';
  const before = await lea.field(objective).inputValue();
  const leaText = ' et les épiceries';
  const camilleText = ' partout';
  await Promise.all([lea.typeAtEnd(objective, leaText), camille.typeAtEnd(objective, camilleText)]);
  const expectedLength = before.length + leaText.length + camilleText.length;
  for (const view of [lea, camille])
    await expect.poll(async () => (await view.field(objective).inputValue()).length).toBe(expectedLength);
  const merged = await lea.field(objective).inputValue();
  expect(await camille.field(objective).inputValue()).toBe(merged);
  expect(merged.startsWith(before)).toBe(true);
  const added = merged.slice(before.length);
  const inOrder = (text: string) => {
    let at = 0;
    for (const ch of added) if (ch === text[at]) at += 1;
    return at === text.length;
  };
  expect(inOrder(leaText), `${leaText} in ${added}`).toBe(true);
  expect(inOrder(camilleText), `${camilleText} in ${added}`).toBe(true);
  // Each sees the other's named caret in that very field.
  await expect(lea.fieldBox(objective).getByTestId('peer-in-field')).toContainText(PEOPLE.writer2.name);
  await expect(camille.fieldBox(objective).getByTestId('peer-in-field')).toContainText(PEOPLE.writer.name);
  await expect(lea.fieldBox(objective).getByTestId('remote-caret')).toBeVisible();

  await lea.page.screenshot({ path: path.join(SCREENSHOTS, 'proposal-desktop.png') });
  await lea.page.screenshot({ path: path.join(SCREENSHOTS, 'proposal-desktop-full.png'), fullPage: true });
  const phone = await open(PEOPLE.writer2.email, PHONE);
  await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'proposal-phone.png') });
  await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'proposal-phone-full.png'), fullPage: true });
});

test('review: submit (text and fields freeze), changes requested with a reason, resubmit, adopt', async ({
  people,
}) => {
  const title = `Épicerie solidaire mobile ${Date.now().toString(36)}`;
  const writerPage = await people.open();
  await signIn(writerPage, PEOPLE.writer.email);
  const list = new ProposalListPage(writerPage);
  await list.goto();
  const writer = await list.create(title);
  await expect(writer.status).toHaveText('Brouillon');
  await writer.typeAtEnd('Objectif général', 'Rendre l’alimentation saine accessible en milieu rural');

  // The writer submits; the facilitator, on the same proposal, sees it and asks for changes.
  await writer.act('Soumettre');
  await expect(writer.status).toHaveText('Soumise');
  // Under review nobody edits: what the facilitators read is what was submitted.
  await expect(writerPage.getByTestId('fields-frozen')).toContainText('Proposition soumise');
  await expect(writer.field('Objectif général')).toHaveAttribute('readonly', '');
  await expect(writer.editor('Contexte')).toHaveAttribute('contenteditable', 'false');
  const facilitatorPage = await people.open();
  await signIn(facilitatorPage, PEOPLE.facilitator.email);
  await facilitatorPage.goto(writerPage.url());
  const facilitator = new ProposalPage(facilitatorPage);
  await facilitator.waitLive();
  await expect(facilitator.status).toHaveText('Soumise');
  const reason = 'Précisez les MRC desservies et ajoutez au moins un indicateur.';
  await facilitator.act('Demander des modifications', reason);
  await expect(facilitator.status).toHaveText('Modifications demandées');

  // The writer sees the new status and the reason live, revises and resubmits.
  await expect(writer.status).toHaveText('Modifications demandées');
  await expect(writerPage.getByTestId('fields-frozen')).toHaveCount(0);
  await expect(writer.field('Objectif général')).not.toHaveAttribute('readonly', '');
  await expect(writerPage.getByTestId('review-reason')).toContainText(reason);
  await writerPage.getByRole('checkbox', { name: 'Roussillon' }).check();
  await writer.act('Soumettre');
  await expect(writer.status).toHaveText('Soumise');

  // The facilitator adopts: the structured fields become read-only for everyone.
  await expect(facilitator.status).toHaveText('Soumise');
  await facilitator.act('Adopter');
  await expect(facilitator.status).toHaveText('Adoptée');
  await expect(writer.status).toHaveText('Adoptée');
  await expect(writerPage.getByTestId('fields-frozen')).toBeVisible();
  await expect(writer.field('Titre')).toHaveAttribute('readonly', '');
  await expect(writer.field('Objectif général')).toHaveAttribute('readonly', '');
  await expect(writerPage.getByRole('checkbox', { name: 'Roussillon' })).toBeDisabled();
  await expect(writerPage.getByRole('button', { name: 'Ajouter un objectif spécifique' })).toHaveCount(0);
  await expect(facilitator.field('Titre')).toHaveAttribute('readonly', '');

  // The audit trail keeps who did what and why.
  await writer.tab('Historique').click();
  const audit = writerPage.getByTestId('audit-list');
  await expect(audit).toContainText('Adoptée');
  await expect(audit).toContainText(reason);
});

test('a partner outside the community comments; the editors are read-only for them', async ({ people }) => {
  const writerPage = await people.open();
  await signIn(writerPage, PEOPLE.writer.email);
  const writerList = new ProposalListPage(writerPage);
  await writerList.goto();
  const writer = await writerList.open(DEMO_PROPOSAL_TITLE);

  const partnerPage = await people.open();
  await signIn(partnerPage, PEOPLE.partner.email);
  await partnerPage.goto(writerPage.url());
  const partner = new ProposalPage(partnerPage);
  await partner.waitLive();
  await expect(partnerPage.getByText('Vous pouvez lire et commenter cette proposition.')).toBeVisible();

  // Read-only: rich text, text fields, buttons that change the structure, workflow.
  await expect(partner.editor('Contexte')).toHaveAttribute('contenteditable', 'false');
  await expect(partner.editor('Description du projet')).toHaveAttribute('aria-readonly', 'true');
  const objective = 'Énoncé de l’objectif spécifique 1';
  await expect(partner.field(objective)).toHaveAttribute('readonly', '');
  await expect(partnerPage.getByRole('button', { name: 'Ajouter un objectif spécifique' })).toHaveCount(0);
  await expect(partnerPage.getByRole('group', { name: 'Étapes de la proposition' })).toHaveCount(0);
  const before = await partner.field(objective).inputValue();
  await partner.field(objective).click();
  await partnerPage.keyboard.type('XYZ');
  await expect(partner.field(objective)).toHaveValue(before);

  // But they comment on that objective; the writer sees the thread arrive and answers it.
  await partner
    .fieldBox(objective)
    .getByRole('button', { name: /^Commenter « Énoncé de l’objectif spécifique 1 »/ })
    .click();
  const comment = 'Avez-vous pensé aux dépanneurs des petites municipalités ?';
  await partner.comments.getByLabel('Votre commentaire').fill(comment);
  await partner.comments.getByRole('button', { name: 'Publier le commentaire' }).click();
  const partnerThread = partner.comments.getByTestId('comment-thread').filter({ hasText: comment });
  await expect(partnerThread).toContainText('Objectif spécifique 1 › Énoncé');
  await expect(partnerThread).toContainText(PEOPLE.partner.name);

  const writerThread = writer.comments.getByTestId('comment-thread').filter({ hasText: comment });
  await expect(writerThread).toBeVisible();
  await expect(writer.fieldBox(objective).getByRole('button', { name: /1 fil ouvert/ })).toBeVisible();
  await writerThread.getByRole('button', { name: 'Répondre' }).click();
  await writerThread
    .getByLabel(`Réponse à ${PEOPLE.partner.name}`)
    .fill('Oui, on les ajoute à la cartographie.');
  await writerThread.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(partnerThread).toContainText('Oui, on les ajoute à la cartographie.');
  await partnerThread.getByRole('button', { name: 'Marquer comme résolu' }).click();
  await expect(writer.comments.getByTestId('comment-thread').filter({ hasText: comment })).toHaveCount(0);
});

test('a facilitator promotes a cluster of forum ideas into a proposal; both sides link to each other', async ({
  people,
}) => {
  const page = await people.open();
  await signIn(page, PEOPLE.facilitator.email);
  await page.goto('/boards/board-securite-alimentaire');
  const board = new BoardPage(page);
  await board.waitLive();

  // A cluster with the board's two ideas.
  const cluster = `Frigos et bons coups ${Date.now().toString(36)}`;
  await (await board.menu('Regroupements')).getByLabel('Nom du regroupement').fill(cluster);
  await (await board.menu('Regroupements')).getByRole('button', { name: 'Créer' }).click();
  const section = page.getByRole('region', { name: new RegExp(`^${cluster}`) });
  await expect(section).toBeVisible();
  const ideas = [
    'Cartographier les frigos communautaires et les jardins collectifs de chaque MRC',
    'Une rubrique « Les bons coups » dans l’infolettre pour partager les initiatives en SA',
  ];
  for (const text of ideas) {
    await board.idea(text).getByLabel('Regroupement de l’idée').selectOption({ label: cluster });
    await expect(section.getByTestId('idea-text').getByText(text, { exact: true })).toBeVisible();
  }

  // Promote the whole cluster: the dialog proposes the board's community and the cluster's name.
  await section.getByRole('button', { name: `Faire du regroupement « ${cluster} » une proposition` }).click();
  const dialog = page.getByRole('dialog', { name: 'Faire de ces idées une proposition' });
  await expect(dialog.getByLabel('Communauté de pratique')).toHaveValue('cdp-securite-alimentaire');
  await expect(dialog.getByLabel('Titre')).toHaveValue(cluster);
  await dialog.getByRole('button', { name: 'Créer la proposition' }).click();

  // The new proposal lists its source ideas, each with a link back to the board.
  const proposal = new ProposalPage(page);
  await proposal.waitLive();
  await expect(proposal.title).toHaveText(cluster);
  await expect(proposal.editor('Contexte')).toContainText(ideas[0]!);
  const proposalUrl = page.url();
  await proposal.tab(/^Origine/).click();
  const lineage = page.getByTestId('lineage');
  for (const text of ideas) await expect(lineage).toContainText(text);
  await lineage.getByRole('link', { name: 'Voir le tableau d’idées' }).first().click();

  // Back on the board, each idea card links to the proposal it fed.
  await board.waitLive();
  const proposalPath = new URL(proposalUrl).pathname;
  const linkTo = (text: string) =>
    board
      .idea(text)
      .getByTestId('idea-proposal-link')
      .and(page.locator(`[href="${proposalPath}"]`));
  for (const text of ideas) await expect(linkTo(text)).toBeVisible();
  await linkTo(ideas[0]!).click();
  await expect(page).toHaveURL(proposalUrl);
  await expect(proposal.title).toHaveText(cluster);
});

test('a facilitator turns one idea into a proposal from its card', async ({ people }) => {
  const page = await people.open();
  await signIn(page, PEOPLE.facilitator.email);
  await page.goto('/boards/board-securite-alimentaire');
  const board = new BoardPage(page);
  await board.waitLive();

  const text = 'Une rubrique « Les bons coups » dans l’infolettre pour partager les initiatives en SA';
  // The rarer actions on a card are folded under "Plus…".
  await board.idea(text).getByText('Plus…').click();
  await board.idea(text).getByRole('button', { name: 'Faire de cette idée une proposition' }).click();
  const dialog = page.getByRole('dialog', { name: 'Faire de ces idées une proposition' });
  await expect(dialog).toContainText('Cette idée deviendra le contexte d’une nouvelle proposition');
  const title = `Les bons coups ${Date.now().toString(36)}`;
  await dialog.getByLabel('Titre').fill(title);
  await dialog.getByRole('button', { name: 'Créer la proposition' }).click();

  const proposal = new ProposalPage(page);
  await proposal.waitLive();
  await expect(proposal.title).toHaveText(title);
  await expect(proposal.editor('Contexte')).toContainText(text);
  const proposalPath = new URL(page.url()).pathname;
  await page.goBack();
  await board.waitLive();
  await expect(
    board
      .idea(text)
      .getByTestId('idea-proposal-link')
      .and(page.locator(`[href="${proposalPath}"]`)),
  ).toBeVisible();
});
