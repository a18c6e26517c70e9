import { CalendarDate, isValidCalendarDate } from '../calendar';
import { DomainError } from '../errors';
import { isCents } from '../money';
import { Fraction, parseDecimal } from './fraction';
import { PenaltyInput } from './penalty-types';

export class InvalidPenaltyInputError extends DomainError {
  readonly code = 'PENALTY.INVALID_INPUT';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid penalty input, ${field}: ${reason}`);
  }
}

const NOT_CENTS = 'must be a non-negative whole number of cents';

function checkDate(field: string, value: CalendarDate | undefined): void {
  if (value !== undefined && !isValidCalendarDate(value)) {
    throw new InvalidPenaltyInputError(field, `${JSON.stringify(value)} is not a YYYY-MM-DD date`);
  }
}

/** Validates the input; returns the contractual rate as an exact fraction of a percent. */
export function checkPenaltyInput(input: PenaltyInput): { contractualRate?: Fraction } {
  if (input.jurisdiction !== 'FR' && input.jurisdiction !== 'BE') {
    throw new InvalidPenaltyInputError('jurisdiction', `${String(input.jurisdiction)} is not FR or BE`);
  }
  if (input.debtorType !== 'business' && input.debtorType !== 'consumer') {
    throw new InvalidPenaltyInputError('debtorType', `${String(input.debtorType)} is not business or consumer`);
  }
  if (!isCents(input.amountCents)) throw new InvalidPenaltyInputError('amountCents', NOT_CENTS);
  if (input.currency !== 'EUR') throw new InvalidPenaltyInputError('currency', 'only EUR invoices are supported');
  checkDate('dueDate', input.dueDate);
  if (input.dueDate === undefined) throw new InvalidPenaltyInputError('dueDate', 'is required');
  checkDate('asOf', input.asOf);
  if (input.asOf === undefined) throw new InvalidPenaltyInputError('asOf', 'is required');
  if (!Array.isArray(input.payments)) throw new InvalidPenaltyInputError('payments', 'must be an array');
  input.payments.forEach((payment, i) => {
    if (!isCents(payment?.amountCents)) throw new InvalidPenaltyInputError(`payments[${i}].amountCents`, NOT_CENTS);
    checkDate(`payments[${i}].date`, payment.date);
    if (payment.date === undefined) throw new InvalidPenaltyInputError(`payments[${i}].date`, 'is required');
  });
  checkDate('formalNoticeDate', input.formalNoticeDate);
  if (input.firstReminder !== undefined) {
    checkDate('firstReminder.date', input.firstReminder.date);
    if (input.firstReminder.date === undefined) throw new InvalidPenaltyInputError('firstReminder.date', 'is required');
    if (input.firstReminder.channel !== 'email' && input.firstReminder.channel !== 'post') {
      throw new InvalidPenaltyInputError('firstReminder.channel', 'must be email or post');
    }
  }
  if (input.contractualRatePercent === undefined) return {};
  const text = input.contractualRatePercent;
  const contractualRate = typeof text === 'string' ? parseDecimal(text) : undefined;
  if (!contractualRate) {
    const reason = `${JSON.stringify(text)} is not a decimal such as '12.5'`;
    throw new InvalidPenaltyInputError('contractualRatePercent', reason);
  }
  return { contractualRate };
}
