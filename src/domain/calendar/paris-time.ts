/**
 * Europe/Paris wall-clock time without Intl or the host's time zone database: the EU rule (in force
 * since 1996) is applied to every year — summer time (CEST, UTC+2) from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise.
 */
import { InvalidArgumentError } from '../errors';
import {
  CalendarDate,
  civilOf,
  dayNumberOf,
  daysInMonth,
  fromDayNumber,
  isoDayOfWeekOfDayNumber,
  toDayNumber,
} from './calendar-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

function lastSundayDayNumber(year: number, month: number): number {
  const last = dayNumberOf(year, month, daysInMonth(year, month));
  return last - (isoDayOfWeekOfDayNumber(last) % 7);
}

/** Offset of Paris from UTC, in hours, at a UTC instant. */
function parisOffsetHoursAt(utcMs: number): 1 | 2 {
  const { year } = civilOf(Math.floor(utcMs / MS_PER_DAY));
  const summerStart = lastSundayDayNumber(year, 3) * MS_PER_DAY + MS_PER_HOUR;
  const summerEnd = lastSundayDayNumber(year, 10) * MS_PER_DAY + MS_PER_HOUR;
  return utcMs >= summerStart && utcMs < summerEnd ? 2 : 1;
}

/**
 * The UTC instant of a Paris wall-clock time. Times that occur twice (02:00-02:59 on the last
 * Sunday of October) resolve to the first, summer-time occurrence; times skipped in March
 * (02:00-02:59) resolve as if the clock had not moved yet, i.e. one hour later in summer time
 * (02:30 → 03:30 CEST). This is the "compatible" choice of RFC 9557 / TC39 Temporal.
 */
export function parisInstant(d: CalendarDate, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new InvalidArgumentError('hour', `${hour} is not an integer from 0 to 23`);
  }
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new InvalidArgumentError('minute', `${minute} is not an integer from 0 to 59`);
  }
  const wallClockAsUtc = toDayNumber(d) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
  const asSummer = wallClockAsUtc - 2 * MS_PER_HOUR;
  if (parisOffsetHoursAt(asSummer) === 2) return new Date(asSummer);
  const asWinter = wallClockAsUtc - MS_PER_HOUR;
  // Either a winter time, or a time in the March gap (read with the winter offset, as before the jump).
  return new Date(asWinter);
}

/** The Europe/Paris calendar date of an instant. */
export function parisDateOf(instant: Date | number): CalendarDate {
  // Duck-typed rather than instanceof: a Date may come from another realm (workflow sandbox).
  const utcMs =
    typeof instant === 'number' ? instant : typeof instant?.getTime === 'function' ? instant.getTime() : NaN;
  if (!Number.isFinite(utcMs)) throw new InvalidArgumentError('instant', `${String(instant)} is not a valid time`);
  const localMs = utcMs + parisOffsetHoursAt(utcMs) * MS_PER_HOUR;
  return fromDayNumber(Math.floor(localMs / MS_PER_DAY));
}
