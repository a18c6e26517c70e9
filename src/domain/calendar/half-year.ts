import { CalendarDate, parseCalendarDate } from './calendar-date';

export interface HalfYearSpan {
  year: number;
  half: 1 | 2;
  start: CalendarDate;
  end: CalendarDate;
}

/** The half-year (January-June or July-December) a date falls in, with its first and last day. */
export function halfYearOf(d: CalendarDate): HalfYearSpan {
  const { year, month } = parseCalendarDate(d);
  const y = d.slice(0, 4);
  return month <= 6
    ? { year, half: 1, start: `${y}-01-01`, end: `${y}-06-30` }
    : { year, half: 2, start: `${y}-07-01`, end: `${y}-12-31` };
}
