import type { z } from 'zod';
import type { ApiError } from '@cocon/shared';
import { AppError } from '../util/appError.js';

/** A refusal made at the HTTP boundary (bad body, missing session, CSRF). */
export class HttpError extends AppError {}

export function zodIssues(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Parses `value` with `schema` or throws a 400 that lists every problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid', 'Invalid request.', zodIssues(parsed.error));
  return parsed.data;
}
