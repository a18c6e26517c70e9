/**
 * Public holidays, computed (not listed) so that no year ever runs out. Easter Sunday by the
 * anonymous Gregorian algorithm (Meeus/Jones/Butcher); the movable feasts follow from it.
 */
import { addDays, calendarDate, CalendarDate, parseCalendarDate } from './calendar-date';

export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
}

/** Days after Easter Sunday: Easter Monday, Ascension Thursday, Whit Monday. */
const MOVABLE_FEAST_OFFSETS = [1, 39, 50];

/** Metropolitan France (Code du travail L3133-1); Alsace-Moselle's extra days are not included. */
const FRENCH_FIXED_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

/** Belgium (law of 4 January 1974): same movable feasts; 21 July instead of 8 May and 14 July. */
const BELGIAN_FIXED_HOLIDAYS = ['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25'];

export function isFrenchPublicHoliday(d: CalendarDate): boolean {
  return isHoliday(d, FRENCH_FIXED_HOLIDAYS);
}

export function isBelgianPublicHoliday(d: CalendarDate): boolean {
  return isHoliday(d, BELGIAN_FIXED_HOLIDAYS);
}

function isHoliday(d: CalendarDate, fixed: readonly string[]): boolean {
  const { year } = parseCalendarDate(d);
  if (fixed.includes(d.slice(5))) return true;
  const easter = easterSunday(year);
  return MOVABLE_FEAST_OFFSETS.some((offset) => addDays(easter, offset) === d);
}
