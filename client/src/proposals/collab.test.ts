import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@cocon/shared';
import { closedMessageKey, reconnectsAfter } from './collab';
import { fr } from '../i18n/fr';

describe('a proposal connection the server closed', () => {
  it('does not reconnect after a refusal it would only repeat (an oversize or invalid edit)', () => {
    // 1009: the frame was over the server's limit; reconnecting would send it again, forever.
    for (const code of [
      1009,
      CLOSE_CODES.documentTooLarge,
      CLOSE_CODES.invalidUpdate,
      CLOSE_CODES.forbidden,
    ]) {
      expect(reconnectsAfter(code)).toBe(false);
    }
    for (const code of [
      1006,
      CLOSE_CODES.rateLimited,
      CLOSE_CODES.slowConsumer,
      CLOSE_CODES.serverShutdown,
    ]) {
      expect(reconnectsAfter(code)).toBe(true);
    }
  });

  it('tells the writer that the edit was too large or refused, not just a code', () => {
    expect(closedMessageKey(1009)).toBe('proposals.editTooLarge');
    expect(closedMessageKey(CLOSE_CODES.documentTooLarge)).toBe('proposals.editTooLarge');
    expect(closedMessageKey(CLOSE_CODES.invalidUpdate)).toBe('proposals.editRefused');
    expect(closedMessageKey(CLOSE_CODES.forbidden)).toBe('proposals.connectionClosed');
    expect(fr.proposals.editTooLarge).toMatch(/trop volumineuse/);
  });
});
