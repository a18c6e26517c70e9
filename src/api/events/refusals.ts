import { HttpStatus } from '@nestjs/common';
import { ApiError, type ErrorDetail } from '../common/api-error';
import type { RefusalCode } from '../../workflows/messages';

/**
 * How each refusal of the workflow reads over HTTP: 422 when the request itself is wrong (a value
 * no state of the dunning would accept), 409 when it clashes with where the dunning stands; the
 * body keeps the workflow's code and message. A Record, so a code added to REFUSAL_CODES without
 * its HTTP answer fails the type check.
 */
const REFUSALS: Record<RefusalCode, { status: HttpStatus.CONFLICT | HttpStatus.UNPROCESSABLE_ENTITY; path?: string }> = {
  'DUNNING.FINISHED': { status: HttpStatus.CONFLICT },
  'REQUEST.INVALID': { status: HttpStatus.UNPROCESSABLE_ENTITY },
  'PAYMENT.INVALID_AMOUNT': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'amountCents' },
  'PAYMENT.CURRENCY_MISMATCH': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'currency' },
  'PAYMENT.INVALID_DATE': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'valueDate' },
  'PAYMENT.REFERENCE_CONFLICT': { status: HttpStatus.CONFLICT, path: 'reference' },
  'DISPUTE.NOT_OPEN': { status: HttpStatus.CONFLICT },
  'DISPUTE.CREDIT_NOTE_REQUIRED': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'creditNoteReference' },
  'PROMISE.INVALID_DATE': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'promisedDate' },
  'PROMISE.DURING_DISPUTE': { status: HttpStatus.CONFLICT },
  'REGISTERED_LETTER.NOT_PRODUCED': { status: HttpStatus.CONFLICT },
  'REGISTERED_LETTER.INVALID_DATE': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'postedOn' },
  'REGISTERED_LETTER.ALREADY_POSTED': { status: HttpStatus.CONFLICT, path: 'trackingNumber' },
  'LETTER.UNKNOWN_TRACKING_NUMBER': { status: HttpStatus.UNPROCESSABLE_ENTITY, path: 'trackingNumber' },
};

export function isRefusalCode(type: string | undefined): type is RefusalCode {
  return type !== undefined && Object.hasOwn(REFUSALS, type);
}

/**
 * The workflow's refusal as an API error. `fields` are the body's fields as the workflow received
 * them: a REQUEST.INVALID message starts with the field it is about ("by is required…"), which then
 * becomes the detail's path.
 */
export function refusalToApiError(code: RefusalCode, message: string, fields: readonly string[]): ApiError {
  const { status, path } = REFUSALS[code];
  const named = path ?? fields.find((field) => message.startsWith(`${field} `));
  const details: ErrorDetail[] = named ? [{ path: named, issue: message }] : [];
  return new ApiError(status, code, message, details);
}
