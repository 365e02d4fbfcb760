import { describe, expect, it } from 'vitest';
import { codeForStatus, parseApiError } from './http';

describe('parseApiError', () => {
  it('keeps the server code, message and issues', () => {
    const error = parseApiError(
      { error: { code: 'invalid', message: 'bad', issues: [{ path: 'code', message: 'too short' }] } },
      400,
    );
    expect(error.code).toBe('invalid');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: 'code', message: 'too short' }]);
  });

  it('falls back on the HTTP status for unknown or missing bodies', () => {
    expect(parseApiError(null, 503).code).toBe('unavailable');
    expect(parseApiError({ error: { code: 'teapot' } }, 401).code).toBe('unauthenticated');
    expect(parseApiError('<html>', 500).code).toBe('internal');
  });

  it('maps statuses', () => {
    expect(codeForStatus(404)).toBe('not_found');
    expect(codeForStatus(429)).toBe('rate_limited');
    expect(codeForStatus(413)).toBe('too_large');
  });
});
