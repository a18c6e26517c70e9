import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { QueryFailedError, type DataSource } from 'typeorm';
import { DomainError } from '../../domain/errors';
import { computePenalties, InvalidPenaltyInputError, type PenaltyInput, type PenaltyResult } from '../../domain/penalties';
import { halfYearStart, InvalidRateEntryError, MissingRateError, type OperatorRates } from '../../domain/rates';
import { loadOperatorRates } from '../../db/operator-rates';
import { ApiError, serviceUnavailable } from '../common/api-error';
import { DATA_SOURCE } from '../tokens';

/**
 * Computes penalties with the pure engine on the shipped tables plus the operator-added rates,
 * read from PostgreSQL on every computation (one small query): a rate added through POST /v1/rates
 * is used by the very next computation, in every API process, with no cache to invalidate.
 */
@Injectable()
export class PenaltyCalculator {
  private readonly logger = new Logger('PenaltyCalculator');

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async compute(input: PenaltyInput): Promise<PenaltyResult> {
    const operatorRates = await this.operatorRates();
    try {
      return computePenalties(input, { operatorRates });
    } catch (error) {
      throw penaltyErrorToApiError(error);
    }
  }

  private async operatorRates(): Promise<OperatorRates> {
    try {
      return await loadOperatorRates(this.dataSource);
    } catch (error) {
      if (error instanceof QueryFailedError) throw error; // a bug (schema, SQL), not an outage
      this.logger.warn(`operator rates unavailable: ${error instanceof Error ? error.message : String(error)}`);
      throw serviceUnavailable('The database');
    }
  }
}

/** What an operator posts to fill the gap, shown in the RATE.MISSING message. */
function addRateHint(error: MissingRateError): string {
  const halfYear = error.halfYearLabel;
  switch (error.table) {
    case 'ECB_MRO':
      return `{"kind":"ECB_MRO","effectiveFrom":"${halfYearStart(error.halfYear)}","rateBp":<ECB MRO rate in force that day, in basis points>,"source":"<ECB press release>"}`;
    case 'FR_LEGAL':
      return `{"kind":"FR_LEGAL","halfYear":"${halfYear}","rateBp":<"all other cases" rate, in basis points>,"privateCreditorRateBp":<"private creditor" rate>,"source":"<arrêté>"}`;
    case 'BE_B2B':
      return `{"kind":"BE_B2B","halfYear":"${halfYear}","rateBp":<published rate, in basis points>,"source":"<SPF Finances notice>"} (or the ECB rate in force on ${halfYearStart(error.halfYear)}, from which it is derived)`;
  }
}

/** Engine errors become 4xx answers in the one error shape; anything else is rethrown (a bug: 500). */
export function penaltyErrorToApiError(error: unknown): unknown {
  if (error instanceof MissingRateError) {
    return new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      error.code,
      `No ${error.table} rate for ${error.halfYearLabel}: ${error.reason}. ` +
        `An operator must add it with POST /v1/rates ${addRateHint(error)}; the next computation uses it, no release needed.`,
      [{ path: `rates.${error.table}.${error.halfYearLabel}`, issue: error.reason }],
    );
  }
  if (error instanceof InvalidPenaltyInputError) {
    const path = error.field.replace(/\[(\d+)\]/g, '.$1'); // payments[0].date → payments.0.date, as in VALIDATION.FAILED
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, error.code, error.message, [{ path, issue: `${path} ${error.reason}` }]);
  }
  if (error instanceof InvalidRateEntryError) {
    // POST /v1/rates validates entries before storing them, so this means the stored rates contradict each other.
    return new ApiError(HttpStatus.CONFLICT, error.code, `The ${error.table} rates contradict each other: ${error.reason}. Check GET /v1/rates.`, [
      { path: `rates.${error.table}`, issue: error.reason },
    ]);
  }
  if (error instanceof DomainError) {
    // e.g. interest beyond the safe-integer range with an absurd period: the input is outside what the engine handles.
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'PENALTY.OUT_OF_RANGE', `The computation is outside what the engine accepts: ${error.message}`);
  }
  return error;
}
