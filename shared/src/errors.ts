/** Error codes returned by the API and socket acknowledgements; the client translates them. */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'csrf',
  'bad_credentials',
  'bad_join_code',
  'board_locked',
  'wrong_phase',
  'no_dots_left',
  'too_large',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `invalid`, keyed by dotted path. */
  issues?: { path: string; message: string }[];
}

export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: ApiError };
