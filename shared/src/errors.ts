import type { BallotLine, BallotProblem } from './fund.js';

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
  'weak_password',
  'deactivated',
  'link_expired',
  'already_set_up',
  'slug_taken',
  'in_use',
  'mail_failed',
  'removed_from_forum',
  'incomplete',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `invalid`, keyed by dotted path. */
  issues?: { path: string; message: string }[];
  /** Which fund rule refused a ballot line (`shared/src/fund.ts`, BALLOT_PROBLEMS). */
  problem?: BallotProblem;
  /** The line as stored now, when another representative changed it first. */
  line?: BallotLine;
  /** `rate_limited` by a board's posting pace: how long before the next idea is accepted. */
  retryAfterMs?: number;
}

export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: ApiError };
