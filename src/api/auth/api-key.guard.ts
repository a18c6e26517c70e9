import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { DEFAULT_ROLES, PUBLIC_METADATA, ROLES_METADATA, type AuthenticatedRequest } from './access';
import { ApiKeyStore, type ApiKeyRole } from './api-key-store';
import { RateLimiter } from './rate-limiter';

const REALM = 'Bearer realm="relance"';

export const unauthenticated = (message: string, invalidToken: boolean) =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'AUTH.UNAUTHENTICATED', message, [], undefined, {
    'WWW-Authenticate': invalidToken ? `${REALM}, error="invalid_token"` : REALM,
  });

export const forbidden = (role: ApiKeyRole, allowed: readonly ApiKeyRole[]) =>
  new ApiError(HttpStatus.FORBIDDEN, 'AUTH.FORBIDDEN', `This ${role} key may not call this route; it is for ${allowed.join(', ')} keys.`);

export const RATE_LIMITED_CODE = 'REQUEST.RATE_LIMITED';

export const rateLimited = (perMinute: number, retryAfterSeconds: number) =>
  new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    RATE_LIMITED_CODE,
    `Too many requests with this key (at most ${perMinute} a minute); retry in ${retryAfterSeconds} s.`,
    [],
    retryAfterSeconds,
  );

/**
 * The key a request presents: `Authorization: Bearer <key>`, else `X-Api-Key: <key>` (so a proxy's
 * own Basic credentials can sit beside it); '' for an Authorization header that is not Bearer.
 */
export function presentedKey(request: Request): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  return authorization === undefined ? undefined : '';
}

/**
 * The one gate of every route (registered as APP_GUARD): routes marked @Public pass; any other
 * needs an active key (401 otherwise), within its rate (429), of a role the route allows (403).
 * The principal is left on the request for @CurrentPrincipal.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = presentedKey(request);
    if (key === undefined) throw unauthenticated('This route needs an API key: send Authorization: Bearer <key>.', false);
    if (key === '') throw unauthenticated('The Authorization header must be "Bearer <key>".', true);
    const principal = await this.keys.authenticate(key);
    if (!principal) throw unauthenticated('The API key is unknown, malformed or revoked.', true);

    const wait = this.limiter.take(principal.keyId);
    if (wait > 0) throw rateLimited(this.limiter.perMinute, wait);

    const allowed = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_METADATA, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(principal.role)) throw forbidden(principal.role, allowed);
    request.principal = principal;
    return true;
  }
}
