import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiError, serviceUnavailable, type ErrorBody } from './api-error';
import { OUTAGE_NAMES, outageOf } from './outage';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

interface ErrorResponse {
  status: number;
  body: ErrorBody;
  retryAfter?: number;
  headers?: Readonly<Record<string, string>>;
}

/**
 * What the log says about an unexpected error: its stack, except that a database error's message
 * is replaced by its SQLSTATE, table and constraint — PostgreSQL messages quote the values at fault
 * ('invalid input syntax for type uuid: "…"'), which may be a debtor's data.
 */
export function describeForLog(exception: unknown): string {
  if (exception instanceof QueryFailedError) {
    const driver = exception.driverError as { code?: string; table?: string; constraint?: string; column?: string } | undefined;
    const facts = [`SQLSTATE ${driver?.code ?? '?'}`, driver?.table && `table ${driver.table}`, driver?.column && `column ${driver.column}`, driver?.constraint && `constraint ${driver.constraint}`];
    const frames = (exception.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    return [`QueryFailedError (${facts.filter(Boolean).join(', ')}; message withheld, it may quote request data)`, ...frames].join('\n');
  }
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}

/**
 * Maps every error to the one error shape. An outage of PostgreSQL or Temporal answers 503 with
 * Retry-After; an unexpected error is logged (its stack only: never the request, its body or its
 * headers) and answered 500 without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, retryAfter, headers } = this.toErrorResponse(exception);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private toErrorResponse(exception: unknown): ErrorResponse {
    if (exception instanceof ApiError) {
      return { status: exception.getStatus(), body: exception.getResponse() as ErrorBody, retryAfter: exception.retryAfterSeconds, headers: exception.headers };
    }
    // Nest's Express adapter wraps body-parser errors (malformed JSON, too large); the cause tells which.
    const parserError = exception as { type?: string; status?: number; message?: string };
    const cause = (exception as { cause?: { type?: string } })?.cause;
    if (parserError?.type === 'entity.parse.failed' || cause?.type === 'entity.parse.failed') {
      return { status: 400, body: { error: { code: 'REQUEST.MALFORMED_JSON', message: 'The body is not valid JSON.', details: [] } } };
    }
    if (exception instanceof HttpException || typeof parserError?.status === 'number') {
      const status = exception instanceof HttpException ? exception.getStatus() : (parserError.status as number);
      if (status < 500) {
        const code = CODE_BY_STATUS[status] ?? 'REQUEST.INVALID';
        const message = exception instanceof HttpException ? exception.message : (parserError.message ?? 'Invalid request');
        return { status, body: { error: { code, message, details: [] } } };
      }
    }
    const outage = outageOf(exception);
    if (outage) {
      const code = (exception as { code?: unknown })?.code;
      this.logger.warn(`${outage} unavailable${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}: answering 503`);
      const unavailable = serviceUnavailable(OUTAGE_NAMES[outage]);
      return { status: unavailable.getStatus(), body: unavailable.getResponse() as ErrorBody, retryAfter: unavailable.retryAfterSeconds };
    }
    this.logger.error(describeForLog(exception));
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: 'INTERNAL', message: 'Unexpected error.', details: [] } },
    };
  }
}
