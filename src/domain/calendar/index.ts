export type { CalendarDate } from './calendar-date';
export { isValidCalendarDate, addDays, daysBetween, compareDates } from './calendar-date';
export { isFrenchPublicHoliday } from './holidays';
export { isBusinessDay, nextBusinessDay } from './business-days';
export { parisInstant, parisDateOf } from './paris-time';
export { halfYearOf } from './half-year';
