import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError, type ErrorBody } from './api-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/** Maps every error to the one error shape; an unexpected error is logged and answered without internals. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, retryAfter } = this.toErrorResponse(exception);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private toErrorResponse(exception: unknown): { status: number; body: ErrorBody; retryAfter?: number } {
    if (exception instanceof ApiError) {
      return { status: exception.getStatus(), body: exception.getResponse() as ErrorBody, retryAfter: exception.retryAfterSeconds };
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
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: 'INTERNAL', message: 'Unexpected error.', details: [] } },
    };
  }
}
