/**
 * The rates a half-year uses, from the shipped tables plus operator-added entries. French and
 * Belgian law fix one ECB rate for a whole half-year: the one in force on 1 January or 1 July.
 */
import { CalendarDate, compareDates } from '../calendar';
import { BasisPoints } from './basis-points';
import { assertHalfYear, HalfYear, halfYearLabel, halfYearStart } from './half-year';
import { MissingRateError } from './missing-rate-error';
import { ecbKnownUntil, mergedBelgianEntries, mergedEcbEntries, mergedFrenchEntries } from './operator-rates';
import { FrenchLegalRateEntry, OperatorRates, RateTables } from './rate-tables';
import { SHIPPED_RATE_TABLES } from './shipped-rates';

/** Where rates come from; tables default to the shipped ones. */
export interface RateSources {
  tables?: RateTables;
  operatorRates?: OperatorRates;
}

export interface EcbHalfYearRate {
  rateBp: BasisPoints;
  /** The decision in force on the first day of the half-year. */
  effectiveFrom: CalendarDate;
}

export interface BelgianHalfYearRate {
  rateBp: BasisPoints;
  /** 'published' from the table, or 'ecb-plus-8' computed by the law's formula when not yet published. */
  basis: 'published' | 'ecb-plus-8';
}

export function ecbRateForHalfYear(halfYear: HalfYear, sources: RateSources = {}): EcbHalfYearRate {
  assertHalfYear(halfYear);
  const { tables = SHIPPED_RATE_TABLES, operatorRates = {} } = sources;
  const day = halfYearStart(halfYear);
  const entries = mergedEcbEntries(tables, operatorRates);
  const knownUntil = ecbKnownUntil(tables, operatorRates);
  if (compareDates(day, knownUntil) > 0) {
    throw new MissingRateError(
      'ECB_MRO',
      halfYear,
      `ECB decisions are known up to ${knownUntil} only; the rate in force on ${day} must be added by an operator`,
    );
  }
  const inForce = entries.filter((entry) => compareDates(entry.effectiveFrom, day) <= 0).pop();
  if (!inForce) throw new MissingRateError('ECB_MRO', halfYear, `the table has no decision on or before ${day}`);
  return { rateBp: inForce.rateBp, effectiveFrom: inForce.effectiveFrom };
}

export function frenchLegalRateForHalfYear(halfYear: HalfYear, sources: RateSources = {}): FrenchLegalRateEntry {
  assertHalfYear(halfYear);
  const { tables = SHIPPED_RATE_TABLES, operatorRates = {} } = sources;
  const entry = mergedFrenchEntries(tables, operatorRates).get(halfYearLabel(halfYear));
  if (!entry) {
    const reason = "the taux d'intérêt légal of this half-year must be added by an operator";
    throw new MissingRateError('FR_LEGAL', halfYear, reason);
  }
  return entry;
}

/**
 * The published rate; failing that, the law's formula (ECB rate of the half-year + 8 points,
 * rounded up to the next half point) when the ECB rate is known.
 */
export function belgianB2bRateForHalfYear(halfYear: HalfYear, sources: RateSources = {}): BelgianHalfYearRate {
  assertHalfYear(halfYear);
  const { tables = SHIPPED_RATE_TABLES, operatorRates = {} } = sources;
  const published = mergedBelgianEntries(tables, operatorRates).get(halfYearLabel(halfYear));
  if (published) return { rateBp: published.rateBp, basis: 'published' };
  let ecb: EcbHalfYearRate;
  try {
    ecb = ecbRateForHalfYear(halfYear, sources);
  } catch (error) {
    if (!(error instanceof MissingRateError)) throw error;
    const reason = `not published in the table, and it cannot be derived: ${error.reason}`;
    throw new MissingRateError('BE_B2B', halfYear, reason);
  }
  return { rateBp: belgianRateFromEcb(ecb.rateBp), basis: 'ecb-plus-8' };
}

/** ECB + 8 points, rounded up to the next half point (a rate already on a half point stays). */
export function belgianRateFromEcb(ecbRateBp: BasisPoints): BasisPoints {
  return Math.ceil((ecbRateBp + 800) / 50) * 50;
}
