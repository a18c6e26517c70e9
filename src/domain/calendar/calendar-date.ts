/**
 * Calendar dates as 'YYYY-MM-DD' strings, with arithmetic done on day numbers (days since
 * 1970-01-01, proleptic Gregorian). No Date objects and no time zone: a calendar date is a label,
 * not an instant, so this is deterministic everywhere (Temporal workflow sandbox included).
 */
import { DomainError, InvalidArgumentError } from '../errors';

/** 'YYYY-MM-DD', a calendar date in Europe/Paris. */
export type CalendarDate = string;

export class InvalidDateError extends DomainError {
  readonly code = 'CALENDAR.INVALID_DATE';

  constructor(readonly value: unknown) {
    super(`Not a valid calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DAY = -719528; // 0000-01-01
const MAX_DAY = 2932896; // 9999-12-31

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a day number (H. Hinnant's civil_from_days). */
export function civilOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function parseCalendarDate(d: CalendarDate): { year: number; month: number; day: number } {
  if (!isValidCalendarDate(d)) throw new InvalidDateError(d);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

export function toDayNumber(d: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(d);
  return dayNumberOf(year, month, day);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isSafeInteger(dayNumber) || dayNumber < MIN_DAY || dayNumber > MAX_DAY) {
    throw new InvalidArgumentError('day number', `${dayNumber} is outside years 0000-9999`);
  }
  const { year, month, day } = civilOf(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const d = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!Number.isInteger(year) || !isValidCalendarDate(d)) throw new InvalidDateError(d);
  return d;
}

export function addDays(d: CalendarDate, n: number): CalendarDate {
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('number of days', `${n} is not an integer`);
  return fromDayNumber(toDayNumber(d) + n);
}

/** `to - from` in days (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative, zero or positive, for sorting. Validates both dates (string order alone would not). */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** ISO day of week: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoDayOfWeek(d: CalendarDate): number {
  return isoDayOfWeekOfDayNumber(toDayNumber(d));
}

export function isoDayOfWeekOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
