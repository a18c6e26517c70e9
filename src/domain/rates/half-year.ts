import { CalendarDate } from '../calendar';
import { InvalidArgumentError } from '../errors';

/** A half-year: January-June (1) or July-December (2). `halfYearOf()` returns a compatible object. */
export interface HalfYear {
  year: number;
  half: 1 | 2;
}

export function assertHalfYear(halfYear: HalfYear, argument = 'half-year'): void {
  const { year, half } = halfYear ?? {};
  if (!Number.isInteger(year) || year < 1 || year > 9999 || (half !== 1 && half !== 2)) {
    throw new InvalidArgumentError(argument, `${JSON.stringify(halfYear)} is not { year, half: 1 | 2 }`);
  }
}

/** '2026-H1' */
export function halfYearLabel({ year, half }: HalfYear): string {
  return `${String(year).padStart(4, '0')}-H${half}`;
}

/** The day whose rate governs the whole half-year: 1 January or 1 July. */
export function halfYearStart({ year, half }: HalfYear): CalendarDate {
  return `${String(year).padStart(4, '0')}-${half === 1 ? '01' : '07'}-01`;
}

export function sameHalfYear(a: HalfYear, b: HalfYear): boolean {
  return a.year === b.year && a.half === b.half;
}
