/**
 * Pure rules of Relance: no I/O, no Node or third-party imports, no Intl, no clock, no randomness.
 * Imported by workflows (Temporal's V8 sandbox), activities and the API alike.
 */
export { DomainError, InvalidArgumentError } from './errors';

export * from './calendar';
export { InvalidDateError, isLeapYear, isoDayOfWeek } from './calendar/calendar-date';
export type { HalfYearSpan } from './calendar/half-year';
export { easterSunday, isBelgianPublicHoliday } from './calendar/holidays';
export { isBelgianWorkingDay } from './calendar/business-days';

export * from './money';
export * from './rates';
export * from './penalties';
