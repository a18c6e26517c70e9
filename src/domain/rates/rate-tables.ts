import { CalendarDate } from '../calendar';
import { BasisPoints } from './basis-points';
import { HalfYear } from './half-year';

/** An ECB decision: the main refinancing operations rate from a date on. */
export interface EcbMroEntry {
  effectiveFrom: CalendarDate;
  rateBp: BasisPoints;
}

export interface EcbMroTable {
  source: string;
  /** The table lists every decision up to this date; the rate in force after it is unknown. */
  knownUntil: CalendarDate;
  entries: readonly EcbMroEntry[];
}

/** French taux d'intérêt légal of a half-year, both columns of the arrêté. */
export interface FrenchLegalRateEntry extends HalfYear {
  /** Creditor is a private individual not acting for professional needs. */
  privateCreditorBp: BasisPoints;
  /** All other cases (the column used for late-payment penalties of a business creditor). */
  otherCasesBp: BasisPoints;
}

export interface FrenchLegalRateTable {
  source: string;
  entries: readonly FrenchLegalRateEntry[];
}

/** Belgian late-payment rate (law of 2 August 2002, art. 5) of a half-year, as published. */
export interface BelgianB2bRateEntry extends HalfYear {
  rateBp: BasisPoints;
}

export interface BelgianB2bRateTable {
  source: string;
  entries: readonly BelgianB2bRateEntry[];
}

export interface RateTables {
  ecbMro: EcbMroTable;
  frenchLegal: FrenchLegalRateTable;
  belgianB2b: BelgianB2bRateTable;
}

/**
 * Rates added by an operator after release (plain data, stored outside the code). An entry for a
 * key the shipped table already has (same effective date, same half-year) replaces it.
 */
export interface OperatorRates {
  ecbMro?: {
    entries?: readonly EcbMroEntry[];
    /** The operator checked every ECB decision up to this date (extends the table's knownUntil). */
    knownUntil?: CalendarDate;
  };
  frenchLegal?: readonly FrenchLegalRateEntry[];
  belgianB2b?: readonly BelgianB2bRateEntry[];
}
