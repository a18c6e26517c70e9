import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationFailed, type ErrorDetail } from './api-error';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((issue) => ({ path, issue }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Unknown fields are refused, not silently dropped: a typo in a field name must not pass as "absent". */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
