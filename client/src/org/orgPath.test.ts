import { describe, expect, it } from 'vitest';
import { orgPath } from './orgPath';

describe('orgPath', () => {
  it('puts an organisation page under /o/<slug>', () => {
    expect(orgPath('concertation-horizon', '/forums')).toBe('/o/concertation-horizon/forums');
    expect(orgPath('outaouais', '/proposals/p1?share=x')).toBe('/o/outaouais/proposals/p1?share=x');
  });

  it('accepts a path without its leading slash', () => {
    expect(orgPath('outaouais', 'plans/p1/fund')).toBe('/o/outaouais/plans/p1/fund');
  });

  it('sends the organisation root to /o/<slug>', () => {
    expect(orgPath('outaouais', '/')).toBe('/o/outaouais');
  });

  it('keeps the unprefixed path when there is no organisation', () => {
    expect(orgPath(null, '/proposals/p1')).toBe('/proposals/p1');
    expect(orgPath(undefined, 'forums')).toBe('/forums');
  });
});
