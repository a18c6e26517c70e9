/**
 * Validation and merging of rate entries. Shipped tables and operator-added entries go through the
 * same checks, so a bad entry fails loudly at lookup (and, via validateOperatorRates, at input).
 */
import { compareDates, CalendarDate, isValidCalendarDate } from '../calendar';
import { HalfYear, halfYearLabel } from './half-year';
import { InvalidRateEntryError, RateTableName } from './missing-rate-error';
import {
  BelgianB2bRateEntry,
  EcbMroEntry,
  FrenchLegalRateEntry,
  OperatorRates,
  RateTables,
} from './rate-tables';

/** Rates outside ±100 % are typing mistakes, not rates. */
const MAX_ABS_BP = 10_000;

function isRateBp(value: unknown, allowNegative: boolean): boolean {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value <= MAX_ABS_BP &&
    value >= (allowNegative ? -MAX_ABS_BP : 0)
  );
}

function isHalfYear(entry: HalfYear): boolean {
  const { year, half } = entry;
  return Number.isInteger(year) && year >= 1 && year <= 9999 && (half === 1 || half === 2);
}

function checkEcbEntry(entry: EcbMroEntry): void {
  if (!entry || !isValidCalendarDate(entry.effectiveFrom)) {
    throw new InvalidRateEntryError('ECB_MRO', entry, 'effectiveFrom must be a YYYY-MM-DD date');
  }
  // The MRO rate has never been negative, but the ECB's deposit rate has: do not forbid it.
  if (!isRateBp(entry.rateBp, true)) {
    throw new InvalidRateEntryError('ECB_MRO', entry, 'rateBp must be integer basis points');
  }
}

function checkFrenchEntry(entry: FrenchLegalRateEntry): void {
  if (!entry || !isHalfYear(entry)) {
    throw new InvalidRateEntryError('FR_LEGAL', entry, 'year and half (1 or 2) are required');
  }
  if (!isRateBp(entry.privateCreditorBp, false) || !isRateBp(entry.otherCasesBp, false)) {
    const reason = 'privateCreditorBp and otherCasesBp must be non-negative integer basis points';
    throw new InvalidRateEntryError('FR_LEGAL', entry, reason);
  }
}

function checkBelgianEntry(entry: BelgianB2bRateEntry): void {
  if (!entry || !isHalfYear(entry)) {
    throw new InvalidRateEntryError('BE_B2B', entry, 'year and half (1 or 2) are required');
  }
  if (!isRateBp(entry.rateBp, false)) {
    throw new InvalidRateEntryError('BE_B2B', entry, 'rateBp must be non-negative integer basis points');
  }
}

/** Later sources override earlier ones key by key; a key repeated within one source is an error. */
function mergeByKey<T>(
  table: RateTableName,
  sources: ReadonlyArray<readonly T[] | undefined>,
  keyOf: (entry: T) => string,
  check: (entry: T) => void,
): Map<string, T> {
  const merged = new Map<string, T>();
  for (const entries of sources) {
    const seen = new Set<string>();
    for (const entry of entries ?? []) {
      check(entry);
      const key = keyOf(entry);
      if (seen.has(key)) throw new InvalidRateEntryError(table, entry, `${key} is listed twice`);
      seen.add(key);
      merged.set(key, entry);
    }
  }
  return merged;
}

/** ECB decisions, shipped then operator-added, sorted by effective date. */
export function mergedEcbEntries(tables: RateTables, operator: OperatorRates): EcbMroEntry[] {
  const sources = [tables.ecbMro.entries, operator.ecbMro?.entries];
  const merged = mergeByKey('ECB_MRO', sources, (e) => e.effectiveFrom, checkEcbEntry);
  return [...merged.values()].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
}

/**
 * Up to when every ECB decision is known: the table's date, the operator's, or the latest
 * operator-added decision (whoever enters a decision knows the rate from that day on).
 */
export function ecbKnownUntil(tables: RateTables, operator: OperatorRates): CalendarDate {
  const operatorDecisions = (operator.ecbMro?.entries ?? []).map((e) => e.effectiveFrom);
  const candidates = [tables.ecbMro.knownUntil, operator.ecbMro?.knownUntil, ...operatorDecisions];
  let latest = tables.ecbMro.knownUntil;
  for (const date of candidates) {
    if (date === undefined) continue;
    if (!isValidCalendarDate(date)) {
      throw new InvalidRateEntryError('ECB_MRO', { knownUntil: date }, 'knownUntil must be a YYYY-MM-DD date');
    }
    if (compareDates(date, latest) > 0) latest = date;
  }
  return latest;
}

export function mergedFrenchEntries(tables: RateTables, operator: OperatorRates): Map<string, FrenchLegalRateEntry> {
  return mergeByKey('FR_LEGAL', [tables.frenchLegal.entries, operator.frenchLegal], halfYearLabel, checkFrenchEntry);
}

export function mergedBelgianEntries(tables: RateTables, operator: OperatorRates): Map<string, BelgianB2bRateEntry> {
  return mergeByKey('BE_B2B', [tables.belgianB2b.entries, operator.belgianB2b], halfYearLabel, checkBelgianEntry);
}

/** Checks operator-added rates before they are stored (throws InvalidRateEntryError). */
export function validateOperatorRates(operator: OperatorRates): void {
  const none: RateTables = {
    ecbMro: { source: '', knownUntil: '0001-01-01', entries: [] },
    frenchLegal: { source: '', entries: [] },
    belgianB2b: { source: '', entries: [] },
  };
  mergedEcbEntries(none, operator);
  ecbKnownUntil(none, operator);
  mergedFrenchEntries(none, operator);
  mergedBelgianEntries(none, operator);
}
