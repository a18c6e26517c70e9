import { ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from './api-error';

/** A path parameter that must be a UUID; anything else is refused with 422 naming it. */
export function uuidPipe(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ path: name, issue: `${name} must be a UUID` }]) });
}
