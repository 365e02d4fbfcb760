import type { ApiError, ErrorCode } from '@cocon/shared';

/**
 * An expected refusal (not found, forbidden, conflict...) with the HTTP status it maps to. Any
 * layer may throw one; the HTTP error handler renders every subclass as `{ error }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
    /** Extra, machine-readable detail for the client (which fund rule refused, the current line). */
    readonly detail?: Pick<ApiError, 'problem' | 'line'>,
  ) {
    super(message);
  }

  toBody(): { error: ApiError } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...this.detail,
      },
    };
  }
}
