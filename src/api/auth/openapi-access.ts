import type { OpenAPIObject } from '@nestjs/swagger';
import { DEFAULT_ROLES, PUBLIC_EXTENSION, ROLES_EXTENSION } from './access';
import { RATE_LIMITED_CODE } from './api-key.guard';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_HEADER_SCHEME = 'apiKeyHeader';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

const errorResponse = (description: string, code: string, message: string) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorBodyView' },
      example: { error: { code, message, details: [] } },
    },
  },
});

type Operation = {
  description?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
};

/**
 * Writes what the guard enforces into the OpenAPI document, from the same @Roles / @Public marks:
 * public operations get an empty security requirement; every other one requires a key (bearer or
 * X-Api-Key), names its roles (x-relance-roles, and in its description; unmarked routes are
 * backoffice-only) and documents 401, 403, 429 and 503.
 */
export function documentAccess(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      if (operation[PUBLIC_EXTENSION]) {
        delete operation[PUBLIC_EXTENSION];
        operation.security = [];
        continue;
      }
      const roles = (operation[ROLES_EXTENSION] as string[] | undefined) ?? [...DEFAULT_ROLES];
      operation[ROLES_EXTENSION] = roles;
      operation.security = [{ [BEARER_SCHEME]: [] }, { [API_KEY_HEADER_SCHEME]: [] }];
      const rolesLine = `Roles: ${roles.join(', ')}.`;
      operation.description = operation.description ? `${operation.description}\n\n${rolesLine}` : rolesLine;
      const responses = operation.responses;
      responses['401'] ??= errorResponse('No API key, or an unknown, malformed or revoked one (WWW-Authenticate: Bearer).', 'AUTH.UNAUTHENTICATED', 'The API key is unknown, malformed or revoked.');
      responses['403'] ??= errorResponse(`The key's role may not call this route (allowed: ${roles.join(', ')}).`, 'AUTH.FORBIDDEN', `This operator key may not call this route; it is for ${roles.join(', ')} keys.`);
      responses['429'] ??= errorResponse('Too many requests with this key; retry after Retry-After seconds.', RATE_LIMITED_CODE, 'Too many requests with this key (at most 600 a minute); retry in 1 s.');
      responses['503'] ??= errorResponse('PostgreSQL or Temporal is unreachable; retry after Retry-After seconds.', 'SERVICE.UNAVAILABLE', 'The database is unavailable; retry later.');
    }
  }
  return document;
}
