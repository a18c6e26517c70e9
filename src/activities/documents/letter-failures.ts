/**
 * What stops a letter for good becomes a non-retryable ApplicationFailure with a stable type and a
 * message written for the operator: the workflow records the step as failed and opens a 'step
 * failed' task quoting the message, and the plan goes on. Anything else (database or network
 * trouble) is rethrown and retried.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../../domain/errors';
import { InvalidPenaltyInputError } from '../../domain/penalties';
import { halfYearStart, InvalidRateEntryError, MissingRateError } from '../../domain/rates';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { InvalidLetterDataError, UnsupportedLetterError, type LetterKind } from '../letters';
import { STEP_TITLES } from './step-titles';

/** What an operator posts to fill the gap (the body of POST /v1/rates). */
function addRateBody(error: MissingRateError): string {
  switch (error.table) {
    case 'ECB_MRO':
      return `{"kind":"ECB_MRO","effectiveFrom":"${halfYearStart(error.halfYear)}","rateBp":<ECB main refinancing rate in force that day, in basis points>,"source":"<ECB press release>"}`;
    case 'FR_LEGAL':
      return `{"kind":"FR_LEGAL","halfYear":"${error.halfYearLabel}","rateBp":<"all other cases" rate, in basis points>,"privateCreditorRateBp":<"private creditor" rate>,"source":"<arrêté>"}`;
    case 'BE_B2B':
      return `{"kind":"BE_B2B","halfYear":"${error.halfYearLabel}","rateBp":<published rate, in basis points>,"source":"<SPF Finances notice>"}`;
  }
}

export function toLetterFailure(error: unknown, kind: LetterKind, invoice: InvoiceEntity): unknown {
  const what = `${STEP_TITLES[kind]} of invoice ${invoice.invoiceNumber}`;
  if (error instanceof MissingRateError) {
    return ApplicationFailure.nonRetryable(
      `${what}: the late-payment penalties cannot be computed, ${error.message}. Add the rate with POST /v1/rates ${addRateBody(error)}, then produce this letter by hand`,
      'RATE.MISSING',
    );
  }
  if (error instanceof InvalidLetterDataError) {
    const where = error.field.startsWith('creditor.') ? `: complete the creditor profile (PUT /v1/creditors/${invoice.creditorId})` : '';
    return ApplicationFailure.nonRetryable(`${what}: ${error.message}${where}, then produce this letter by hand`, 'LETTER.INVALID_DATA');
  }
  if (error instanceof UnsupportedLetterError) {
    return ApplicationFailure.nonRetryable(`${what}: ${error.message}; write this letter by hand`, 'LETTER.UNSUPPORTED');
  }
  if (error instanceof InvalidPenaltyInputError) {
    return ApplicationFailure.nonRetryable(`${what}: ${error.message}; write this letter by hand`, 'PENALTY.INVALID_INPUT');
  }
  if (error instanceof InvalidRateEntryError) {
    return ApplicationFailure.nonRetryable(`${what}: the operator-added rates contradict each other, ${error.message}. Correct them (GET /v1/rates), then produce this letter by hand`, error.code);
  }
  if (error instanceof DomainError) {
    // A pure rule refused its input: the same input fails the same way on every retry.
    return ApplicationFailure.nonRetryable(`${what}: ${error.message}; write this letter by hand`, error.code);
  }
  return error;
}
