import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ApiError } from './api-error';

/**
 * JSON answers: nothing may run, load or frame anything from them (CSP default-src 'none',
 * frame-ancestors 'none'), plus helmet's other defaults (HSTS, nosniff, no Referer, no
 * X-Powered-By…).
 */
const apiHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });

/**
 * Swagger UI (/docs): helmet's default policy fits it — its scripts and style sheet come from
 * /docs itself, its HTML has inline <style> (style-src allows 'unsafe-inline'), its icons are
 * data: images — except upgrade-insecure-requests, which would make a browser fetch those assets
 * over https from an API served over plain http (local stack, a private network) and break the page.
 */
const docsHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });

const isSwaggerUi = (path: string) => path === '/docs' || path.startsWith('/docs/');

/** Security headers on every answer, and no caching of API answers (they carry debtors' data). */
export function securityHeaders(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (isSwaggerUi(request.path)) return docsHeaders(request, response, next);
    response.setHeader('Cache-Control', 'no-store');
    return apiHeaders(request, response, next);
  };
}

/**
 * A body must be JSON: anything else (a form post, text, XML) is refused with 415 before it is
 * parsed, rather than parsed by another parser or silently read as no body at all.
 */
export function jsonBodiesOnly(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody || request.is(['application/json', 'application/*+json'])) return next();
    next(
      new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The body must be JSON, sent with Content-Type: application/json.', [
        { path: 'Content-Type', issue: `${(request.headers['content-type'] ?? 'missing').slice(0, 100)} is not JSON` },
      ]),
    );
  };
}
