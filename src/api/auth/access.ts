import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { ApiKeyRole, Principal } from './api-key-store';

export type { ApiKeyRole, Principal } from './api-key-store';

export const ROLES_METADATA = 'relance:roles';
export const PUBLIC_METADATA = 'relance:public';
/** OpenAPI extensions the document builder turns into security requirements and 401/403 answers. */
export const ROLES_EXTENSION = 'x-relance-roles';
export const PUBLIC_EXTENSION = 'x-relance-public';

/** Who may call a route that says nothing: the back office only. A new route is closed until it says otherwise. */
export const DEFAULT_ROLES: readonly ApiKeyRole[] = ['backoffice'];

/**
 * The roles whose keys may call a controller (on the class) or a route (on the method, which wins).
 * Routes without it are backoffice-only. The back office may call everything, so it is always
 * allowed, listed or not.
 *
 * An integrator key belongs to one creditor: a route open to integrators must only show or change
 * that creditor's records — filter with creditorScope(principal), and answer 404 for another
 * creditor's record, as if it did not exist:
 *
 *   @Post(':id/payments')
 *   @Roles('backoffice', 'integrator', 'operator')
 *   async pay(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Body() dto: PaymentDto) {
 *     const invoice = await repo.findOneBy({ id, ...creditorWhere(principal) });
 *     if (!invoice) throw invoiceNotFound(id);
 *     …
 *   }
 */
export function Roles(...roles: ApiKeyRole[]) {
  const allowed = [...new Set<ApiKeyRole>(['backoffice', ...roles])];
  return applyDecorators(SetMetadata(ROLES_METADATA, allowed), ApiExtension(ROLES_EXTENSION, allowed));
}

/** A route anyone may call, without a key (health). */
export function Public() {
  return applyDecorators(SetMetadata(PUBLIC_METADATA, true), ApiExtension(PUBLIC_EXTENSION, true));
}

export type AuthenticatedRequest = { principal?: Principal };

/** The caller of a protected route, as the guard authenticated it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route without a principal (a @Public route?)');
  return principal;
});

/** The creditor a caller is confined to (integrators), or undefined (back office and operators see every creditor). */
export function creditorScope(principal: Principal): string | undefined {
  return principal.role === 'integrator' ? (principal.creditorId ?? undefined) : undefined;
}

/** A TypeORM `where` fragment confining a query to the caller's creditor: `{ creditorId }` for integrators, `{}` otherwise. */
export function creditorWhere(principal: Principal): { creditorId?: string } {
  const creditorId = creditorScope(principal);
  return creditorId === undefined ? {} : { creditorId };
}
