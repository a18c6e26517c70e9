import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  path: string;
  issue: string;
}

/** The one error shape every route answers with: a stable code clients can branch on, a message for people, field details. */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
    /** Response headers the answer needs (WWW-Authenticate on a 401). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super({ error: { code, message, details } } satisfies ErrorBody, status);
  }
}

export const validationFailed = (details: ErrorDetail[]) =>
  new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION.FAILED', 'The request has invalid fields.', details);

/** Seconds a client is told to wait before it retries after an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** A dependency (database, Temporal) is down: the client should retry after Retry-After seconds. */
export const serviceUnavailable = (what: string) =>
  new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE.UNAVAILABLE', `${what} is unavailable; retry later.`, [], OUTAGE_RETRY_AFTER_SECONDS);
