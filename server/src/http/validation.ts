import type { z } from 'zod';
import type { ApiError, ErrorCode } from '@cocon/shared';

/** An error that becomes `{ error }` with `status` at the HTTP boundary. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
  }

  toBody(): { error: ApiError } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

export function zodIssues(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Parses `value` with `schema` or throws a 400 that lists every problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid', 'Invalid request.', zodIssues(parsed.error));
  return parsed.data;
}
