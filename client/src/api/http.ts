import { ERROR_CODES, type ApiError, type ErrorCode } from '@cocon/shared';

/** Error codes the client can show: the server's, plus a failed network round trip. */
export type ClientErrorCode = ErrorCode | 'network';

export class ApiRequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly issues: ApiError['issues'] = undefined,
    /** Which fund rule refused a ballot line, and the line as stored now (ApiError). */
    readonly detail: Pick<ApiError, 'problem' | 'line'> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

// The CSRF token comes with the session (GET /api/session, login, join); the cookie itself is
// httpOnly, so this copy is the only thing the page has to prove it made the request.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Reads `{ error: { code, message, issues?, problem?, line? } }`, tolerating anything else (proxies, HTML pages). */
export function parseApiError(body: unknown, status: number): ApiRequestError {
  const error = (body as { error?: Partial<ApiError> } | null)?.error;
  if (error && isErrorCode(error.code)) {
    return new ApiRequestError(error.code, status, error.message ?? error.code, error.issues, {
      ...(typeof error.problem === 'string' ? { problem: error.problem } : {}),
      ...(error.line && typeof error.line === 'object' ? { line: error.line } : {}),
    });
  }
  return new ApiRequestError(codeForStatus(status), status, `HTTP ${status}`);
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiRequestError('network', 0, 'network error');
  }
  if (response.status === 204) return undefined as T;
  // An empty or non-JSON answer (e.g. a proxy error page) reads as null.
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw parseApiError(json, response.status);
  return json as T;
}

export const http = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
