import { DomainError } from '../errors';
import { HalfYear, halfYearLabel } from './half-year';

export type RateTableName = 'ECB_MRO' | 'FR_LEGAL' | 'BE_B2B';

/**
 * A rate the law needs is not in the shipped tables nor among the operator-added entries. Never
 * guessed: the computation stops until an operator adds the rate.
 */
export class MissingRateError extends DomainError {
  readonly code = 'RATE.MISSING';
  readonly halfYear: HalfYear;
  /** '2027-H1' */
  readonly halfYearLabel: string;

  constructor(
    readonly table: RateTableName,
    halfYear: HalfYear,
    readonly reason: string,
  ) {
    super(`No ${table} rate for ${halfYearLabel(halfYear)}: ${reason}`);
    this.halfYear = { year: halfYear.year, half: halfYear.half }; // not the caller's wider object
    this.halfYearLabel = halfYearLabel(halfYear);
  }
}

/** An operator-added rate entry is malformed or contradicts another one. */
export class InvalidRateEntryError extends DomainError {
  readonly code = 'RATE.INVALID_ENTRY';

  constructor(
    readonly table: RateTableName,
    readonly entry: unknown,
    readonly reason: string,
  ) {
    super(`Invalid ${table} rate entry ${JSON.stringify(entry)}: ${reason}`);
  }
}
