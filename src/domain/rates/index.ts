export type { BasisPoints } from './basis-points';
export { basisPointsFromPercent, percentFromBasisPoints } from './basis-points';
export type { HalfYear } from './half-year';
export { halfYearLabel, halfYearStart } from './half-year';
export type { RateTableName } from './missing-rate-error';
export { MissingRateError, InvalidRateEntryError } from './missing-rate-error';
export type {
  EcbMroEntry,
  EcbMroTable,
  FrenchLegalRateEntry,
  FrenchLegalRateTable,
  BelgianB2bRateEntry,
  BelgianB2bRateTable,
  RateTables,
  OperatorRates,
} from './rate-tables';
export { ECB_MRO_RATES, FRENCH_LEGAL_RATES, BELGIAN_B2B_RATES, SHIPPED_RATE_TABLES } from './shipped-rates';
export { validateOperatorRates } from './operator-rates';
export type { RateSources, EcbHalfYearRate, BelgianHalfYearRate } from './rate-lookup';
export {
  ecbRateForHalfYear,
  frenchLegalRateForHalfYear,
  belgianB2bRateForHalfYear,
  belgianRateFromEcb,
} from './rate-lookup';
