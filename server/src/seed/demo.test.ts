import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ROLES, joinCodeSchema, slugSchema, TERRITORY_KINDS } from '@cocon/shared';
import {
  COMMUNITIES,
  DEFAULT_SEEDS_DIR,
  DEMO_JOIN_CODE,
  demoBodies,
  demoJoinCodes,
  ORG_ID,
  ORG_SLUG,
  themesFromPlan,
} from './demo.js';
import { accountSummaries } from './demoBody.js';
import { DEMO_REPRESENTATIVES } from './demoFund.js';
import { OUTAOUAIS, OUTAOUAIS_JOIN_CODE, OUTAOUAIS_THEMES } from './demoOutaouais.js';

const read = (name: string) => readFileSync(path.join(DEFAULT_SEEDS_DIR, name), 'utf8');
const planThemes = themesFromPlan(read('concertation-horizon-action-plan-2026.txt'));
const bodies = demoBodies(planThemes);
const [horizon, outaouais] = bodies as [(typeof bodies)[0], (typeof bodies)[0]];

describe('demo seed', () => {
  it('finds the themes of the 2026 plan, folding "(SUITE)" continuations', () => {
    expect(planThemes.slice(0, 5)).toEqual([
      'SÉCURITÉ ALIMENTAIRE',
      'TRANSPORT',
      'RÉUSSITE ÉDUCATIVE ET SOCIALE',
      'LOGEMENT',
      'SANTÉ MENTALE',
    ]);
    expect(planThemes.filter((t) => t.startsWith('VIE ASSOCIATIVE'))).toEqual(['VIE ASSOCIATIVE']);
    expect(planThemes.some((t) => t.startsWith('ACCESSIBILITÉ DES SERVICES'))).toBe(true);
    expect(planThemes).toContain('COMMUNICATIONS ET REPRÉSENTATIONS');
  });

  it('seeds Concertation Horizon first, with its slug and its plan themes, then the Outaouais', () => {
    expect(bodies.map((b) => b.organization.id)).toEqual([ORG_ID, 'org-outaouais']);
    expect(horizon.organization).toMatchObject({
      slug: ORG_SLUG,
      name: 'Concertation Horizon',
      themes: planThemes,
    });
    expect(outaouais).toBe(OUTAOUAIS);
  });

  it('gives the 5e élément the three themes of the press release, not SANTÉ MENTALE', () => {
    const release = read('forum-ouvert-press-release-2022.txt');
    expect(release).toMatch(/5e élément \(accessibilité – action collective – réductions des inégalités\)/);
    const fifth = COMMUNITIES.find((c) => c.id === 'cdp-5e-element');
    expect(fifth?.themes).toEqual(['ACCESSIBILITÉ', 'ACTION COLLECTIVE', 'RÉDUCTION DES INÉGALITÉS']);
  });

  it('gives the four thematic Horizon communities a theme of the 2026 plan', () => {
    for (const c of COMMUNITIES.filter((c) => c.id !== 'cdp-5e-element')) {
      expect(
        c.themes.every((t) => planThemes.includes(t)),
        c.id,
      ).toBe(true);
    }
  });

  it('makes the partner representatives partners of Horizon, and its first admin the platform operator', () => {
    const roleOf = (email: string) => horizon.accounts.find((a) => a.email === email)?.role;
    for (const r of DEMO_REPRESENTATIVES) expect(roleOf(r.email), r.email).toBe('partner');
    expect(roleOf('partenaire@horizon.demo')).toBe('partner');
    const operators = bodies.flatMap((b) => b.accounts.filter((a) => a.platformOperator).map((a) => a.email));
    expect(operators).toEqual(['admin@horizon.demo']);
  });

  it('has an admin and a facilitator in each body, and members only in its own communities', () => {
    for (const body of bodies) {
      const roles = body.accounts.map((a) => a.role);
      expect(roles).toContain('admin');
      expect(roles).toContain('facilitator');
      expect(roles.every((r) => (ACCOUNT_ROLES as readonly string[]).includes(r))).toBe(true);
      const communityIds = new Set(body.communities.map((c) => c.id));
      for (const a of body.accounts.filter((a) => a.communityId)) {
        expect(a.role, a.email).toBe('member');
        expect(communityIds.has(a.communityId!), a.email).toBe(true);
      }
      expect(
        body.accounts.some((a) => a.userId === body.facilitator.userId && a.role === 'facilitator'),
      ).toBe(true);
      for (const board of body.boards) {
        if (board.communityId) expect(communityIds.has(board.communityId), board.id).toBe(true);
      }
    }
  });

  it('uses fixed ids that no two bodies share, and valid slugs and join codes', () => {
    const ids = bodies.flatMap((b) => [
      b.organization.id,
      b.forum.id,
      ...b.territories.map((t) => t.id),
      ...b.communities.map((c) => c.id),
      ...b.boards.map((x) => x.id),
      ...b.accounts.map((a) => a.userId),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    const emails = bodies.flatMap((b) => b.accounts.map((a) => a.email));
    expect(new Set(emails).size).toBe(emails.length);
    const slugs = bodies.map((b) => b.organization.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slugSchema.parse(slug)).toBe(slug);
    const codes = bodies.map((b) => b.forum.joinCode);
    expect(codes).toEqual([DEMO_JOIN_CODE, OUTAOUAIS_JOIN_CODE]);
    for (const code of codes) expect(joinCodeSchema.parse(code)).toBe(code);
  });

  it('divides the Outaouais into the Ville de Gatineau and its four MRC', () => {
    expect(OUTAOUAIS.organization).toMatchObject({ slug: 'outaouais', region: 'Outaouais' });
    expect(OUTAOUAIS.territories.map((t) => [t.name, t.kind])).toEqual([
      ['Ville de Gatineau', 'ville'],
      ['Les Collines-de-l’Outaouais', 'mrc'],
      ['La Vallée-de-la-Gatineau', 'mrc'],
      ['Papineau', 'mrc'],
      ['Pontiac', 'mrc'],
    ]);
    for (const body of bodies) {
      for (const t of body.territories)
        expect((TERRITORY_KINDS as readonly string[]).includes(t.kind)).toBe(true);
    }
    const seed = read('tour-du-quebec-2014-2015.txt');
    expect(seed).toContain('la Ville de Gatineau et les quatre MRC de l’Outaouais');
    expect(seed).toContain(OUTAOUAIS.forum.title);
  });

  it('gives the Outaouais communities themes of its own plan', () => {
    expect(OUTAOUAIS.communities.length).toBeGreaterThanOrEqual(2);
    for (const c of OUTAOUAIS.communities) {
      expect(c.themes.length, c.id).toBeGreaterThan(0);
      expect(
        c.themes.every((t) => OUTAOUAIS_THEMES.includes(t)),
        c.id,
      ).toBe(true);
    }
  });

  it('lists every demo account with its role and organisation, and every join code', () => {
    const accounts = bodies.flatMap(accountSummaries);
    expect(accounts).toContainEqual({
      email: 'admin@horizon.demo',
      role: 'admin',
      organization: 'concertation-horizon',
      organizationName: 'Concertation Horizon',
    });
    expect(accounts).toContainEqual(
      expect.objectContaining({
        email: 'partenaire@horizon.demo',
        role: 'partner',
        organization: 'concertation-horizon',
      }),
    );
    expect(accounts).toContainEqual(
      expect.objectContaining({ email: 'admin@outaouais.demo', role: 'admin', organization: 'outaouais' }),
    );
    expect(accounts).toHaveLength(bodies.reduce((n, b) => n + b.accounts.length, 0));
    expect(demoJoinCodes(bodies).map((c) => [c.organization, c.joinCode])).toEqual([
      ['concertation-horizon', 'HORIZON26'],
      ['outaouais', 'OUTAOUAIS'],
    ]);
  });
});
