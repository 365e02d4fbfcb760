import { describe, expect, it } from 'vitest';
import { cleanText, fold, parseIndicator, splitItems, splitLines } from './cells.js';

describe('cleanText', () => {
  it('strips HTML, collapses whitespace and removes a leading arrow, keeping accents', () => {
    expect(cleanText('<p>Renforcer les liens   avec les partenaires régionaux</p>')).toBe(
      'Renforcer les liens avec les partenaires régionaux',
    );
    expect(cleanText(' → Pertinence pour les partenaires <i>(Ex. : comité mobilité durable VS)</i>')).toBe(
      'Pertinence pour les partenaires (Ex. : comité mobilité durable VS)',
    );
    expect(cleanText('- Réaliser les rencontres')).toBe('Réaliser les rencontres');
    expect(cleanText('Co-construction d’un plaidoyer')).toBe('Co-construction d’un plaidoyer');
  });

  it('removes inline tags without splitting words and decodes entities', () => {
    expect(cleanText('R<b>É</b>S &amp; CDP&nbsp;: &#201;t&eacute;')).toBe('RÉS & CDP : Ét&eacute;');
  });
});

describe('splitItems', () => {
  it('splits on arrows', () => {
    expect(splitItems('→ 4 rencontres → Taux de participation')).toEqual([
      '4 rencontres',
      'Taux de participation',
    ]);
  });

  it('keeps a cell without arrows as one item', () => {
    expect(splitItems('Poursuite en 2026')).toEqual(['Poursuite en 2026']);
    expect(splitItems('  ')).toEqual([]);
  });

  it('splits a cell without arrows into its HTML paragraphs', () => {
    expect(splitItems('<p>En continu</p> <p>2026</p>')).toEqual(['En continu', '2026']);
    expect(splitItems('<p style="text-align: center;">En continu</p>')).toEqual(['En continu']);
  });

  it('treats <li> as an item marker', () => {
    expect(splitItems('<ul><li>Équipe CH</li><li>Table des partenaires</li></ul>')).toEqual([
      'Équipe CH',
      'Table des partenaires',
    ]);
  });

  it('prefixes each item with the lead-in that introduces the list', () => {
    expect(
      splitItems(
        'En collaboration avec les acteurs locaux : <ul style="list-style-type: none"> → Soutenir la diffusion → Au besoin, facilitation ',
      ),
    ).toEqual([
      'En collaboration avec les acteurs locaux : Soutenir la diffusion',
      'En collaboration avec les acteurs locaux : Au besoin, facilitation',
    ]);
    expect(splitItems('<p>Avec Dynamo :</p> <ul> → Compléter le contenu → Début de la cohorte ')).toEqual([
      'Avec Dynamo : Compléter le contenu',
      'Avec Dynamo : Début de la cohorte',
    ]);
  });

  it('takes the lead-in of a nested list from the end of the item that opens it', () => {
    const cell =
      'Rencontre des membres afin de : <ul> → Prendre des nouvelles → Maintenir le dialogue avec les milieux ' +
      'Rencontres avec différents publics : <ul> → Élu.e.s, MRC et leurs équipes → CDC ';
    expect(splitItems(cell)).toEqual([
      'Rencontre des membres afin de : Prendre des nouvelles',
      'Rencontre des membres afin de : Maintenir le dialogue avec les milieux',
      'Rencontres avec différents publics : Élu.e.s, MRC et leurs équipes',
      'Rencontres avec différents publics : CDC',
    ]);
  });

  it('keeps text before the first arrow as an item when it is not a lead-in', () => {
    expect(splitItems('Tenue des rencontres → Taux de participation')).toEqual([
      'Tenue des rencontres',
      'Taux de participation',
    ]);
  });
});

describe('parseIndicator', () => {
  const quantity = (text: string) => {
    const { kind, target, unit } = parseIndicator(text, 7);
    return { kind, target, unit };
  };

  it('reads a number at the start as a target and the next word as its unit', () => {
    expect(quantity('4 rencontres de la communauté de pratique')).toEqual({
      kind: 'quantitative',
      target: 4,
      unit: 'rencontres',
    });
    expect(quantity('10 Infolettres')).toEqual({ kind: 'quantitative', target: 10, unit: 'Infolettres' });
    expect(quantity("1 rencontre d'intégration par année")).toEqual({
      kind: 'quantitative',
      target: 1,
      unit: 'rencontre',
    });
    expect(quantity('80 % des partenaires')).toEqual({ kind: 'quantitative', target: 80, unit: '%' });
  });

  it('reads a number after "Au moins", "Un minimum de" or "<word> de"', () => {
    expect(quantity('Publication de 10 Infolettres')).toEqual({
      kind: 'quantitative',
      target: 10,
      unit: 'Infolettres',
    });
    expect(quantity('Au moins 4 rencontres du comité régional')).toMatchObject({
      target: 4,
      unit: 'rencontres',
    });
    expect(quantity('Un minimum de 4 rencontres par année a lieu')).toMatchObject({ target: 4 });
  });

  it('leaves dates, numbers inside the text and numbers in words qualitative', () => {
    for (const text of [
      '31 mars 2026',
      'Participation des 5 territoires de MRC',
      "Intégration de l'ADS+ dans au moins 1 projet",
      'Au moins un atelier pratique est offert par année',
      'Pertinence pour les partenaires',
    ])
      expect(quantity(text)).toEqual({ kind: 'qualitative', target: null, unit: '' });
  });

  it('keeps the text as written and the line', () => {
    expect(parseIndicator('Qualité des collaborations', 48)).toEqual({
      text: 'Qualité des collaborations',
      kind: 'qualitative',
      target: null,
      unit: '',
      line: 48,
    });
  });
});

describe('line and label helpers', () => {
  it('splits LF and CRLF lines', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });

  it('folds accents and case for matching', () => {
    expect(fold('  ENJEUX   FÉDÉRATEURS ')).toBe('enjeux federateurs');
  });

  it('folds typographic apostrophes into the plain one', () => {
    expect(fold('Plan d’action 2027')).toBe("plan d'action 2027");
    expect(fold('Plan dʼaction')).toBe(fold("Plan d'action"));
  });
});
