import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { Request } from 'express';
import { validationFailed } from '../common/api-error';

/**
 * Field rules of the event bodies, as strict as the workflow's own checks (src/workflows/dunning-case.ts)
 * so that what the workflow would refuse as REQUEST.INVALID is refused here first, naming the field.
 */

/** Control characters other than tab and line breaks: never part of a reason or a note. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function Check(name: string, problem: (value: unknown) => string | null): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${problem(args?.value)}`,
      },
    });
}

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Text that may span lines (a dispute's reason, a note), trimmed, 1 to maxLength characters. */
export function IsFreeText(maxLength: number): PropertyDecorator {
  return applyDecorators(
    trim,
    Check('isFreeText', (value) => {
      if (typeof value !== 'string') return 'must be a string';
      if (value.length === 0) return 'must not be empty';
      if (value.length > maxLength) return `must be at most ${maxLength} characters, not ${value.length}`;
      if (CONTROL.test(value)) return 'must not contain control characters';
      return null;
    }),
  );
}

/** A plan step's key, as plans write them (registered_warning, formal_notice). */
export function IsStepKey(): PropertyDecorator {
  return Check('isStepKey', (value) =>
    typeof value === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(value) ? null : 'must be a plan step key: 1 to 64 lower-case letters, digits or _ (registered_warning)',
  );
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** The Idempotency-Key header, when sent: 1 to 255 visible ASCII characters (a UUID is a good choice). */
export function idempotencyKeyOf(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw validationFailed([{ path: IDEMPOTENCY_KEY_HEADER, issue: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters, sent once` }]);
  }
  return value;
}

/** The request's Idempotency-Key, checked (422 naming it when malformed); undefined when not sent. Documented by @ApiHeader. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined =>
  idempotencyKeyOf(context.switchToHttp().getRequest<Request>().headers['idempotency-key']),
);
