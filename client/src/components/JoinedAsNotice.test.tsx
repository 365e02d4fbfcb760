import { describe, expect, it } from 'vitest';
import { prerender } from 'react-dom/static';
import { MemoryRouter } from 'react-router';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { JoinedAsNotice } from './JoinedAsNotice';

async function render(state: unknown, lng: Language = 'fr'): Promise<string> {
  const i18n = i18next.createInstance();
  const resources = { fr: { translation: fr }, en: { translation: en } };
  await i18n.use(initReactI18next).init({ resources, lng, interpolation: { escapeValue: false } });
  const { prelude } = await prerender(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[{ pathname: '/o/org/boards/b1', state }]}>
        <JoinedAsNotice />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return new Response(prelude).text();
}

describe('JoinedAsNotice', () => {
  it('tells a guest whose name was taken the name they appear under, in French then English', async () => {
    const joinedAs = { name: 'marie (2)', change: 'taken' };
    expect(await render({ joinedAs })).toContain(
      'Une autre personne de ce forum a déjà choisi ce nom\u00a0: vous y apparaissez sous le nom «\u00a0marie (2)\u00a0».',
    );
    expect(await render({ joinedAs }, 'en')).toContain('you appear as “marie (2)”');
  });

  it('tells a returning guest the name their device kept', async () => {
    const html = await render({ joinedAs: { name: 'Marie (2)', change: 'restored' } });
    expect(html).toContain('celui que vous aviez déjà dans ce forum');
    expect(html).toContain('Compris');
  });

  it('says nothing when the guest got the name they typed', async () => {
    expect(await render(null)).toBe('');
  });
});
