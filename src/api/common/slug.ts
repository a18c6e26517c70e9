import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from './api-error';

/** Creditor ids: a lower-case slug ('default', 'acme-fr'), what invoices carry as creditor_id. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const SLUG_RULE = 'must be 1 to 40 lower-case letters, digits or hyphens, not starting with a hyphen';

/** Refuses a path parameter that is not a slug with 422 naming it. */
export function slugPipe(name: string): PipeTransform<string, string> {
  return {
    transform(value: string) {
      if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) throw validationFailed([{ path: name, issue: `${name} ${SLUG_RULE}` }]);
      return value;
    },
  };
}
