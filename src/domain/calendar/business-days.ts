import { addDays, CalendarDate, isoDayOfWeek } from './calendar-date';
import { isBelgianPublicHoliday, isFrenchPublicHoliday } from './holidays';

/** Monday to Friday and not a French public holiday: the days reminders may be sent. */
export function isBusinessDay(d: CalendarDate): boolean {
  return isoDayOfWeek(d) <= 5 && !isFrenchPublicHoliday(d);
}

/** `d` itself when it is a business day, else the first business day after it. */
export function nextBusinessDay(d: CalendarDate): CalendarDate {
  let day = d;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * Monday to Friday and not a Belgian public holiday. Belgian texts sometimes count Saturday as a
 * working day ("jour ouvrable"); leaving it out can only delay a deadline computed from it, which is
 * the safe side for delays that protect a consumer.
 */
export function isBelgianWorkingDay(d: CalendarDate): boolean {
  return isoDayOfWeek(d) <= 5 && !isBelgianPublicHoliday(d);
}
