import { addDays, compareDates, daysBetween, isValidCalendarDate } from '.';
import { fromDayNumber, InvalidDateError, isoDayOfWeek, toDayNumber } from './calendar-date';

describe('isValidCalendarDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (d) => expect(isValidCalendarDate(d)).toBe(true),
  );

  it.each([
    '2025-02-29', // 2025 is not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025/01/01',
    '',
  ])('rejects %s', (d) => expect(isValidCalendarDate(d)).toBe(false));
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('rejects invalid dates and non-integer counts', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(InvalidDateError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
    expect(() => addDays('9999-12-31', 1)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });

  it('agrees with the UTC calendar of Date for every day from 1900 to 2200', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2200, 11, 31) / 86_400_000;
    const mismatches: number[] = [];
    for (let day = first; day <= last; day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== expected || toDayNumber(expected) !== day) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('daysBetween and compareDates', () => {
  it('counts to - from', () => {
    expect(daysBetween('2025-06-15', '2025-07-15')).toBe(30);
    expect(daysBetween('2024-02-15', '2024-03-15')).toBe(29); // leap February
    expect(daysBetween('2025-02-15', '2025-03-15')).toBe(28);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-07-15', '2025-06-15')).toBe(-30);
    expect(daysBetween('2025-07-15', '2025-07-15')).toBe(0);
  });

  it('orders dates', () => {
    expect(compareDates('2025-01-02', '2025-01-10')).toBeLessThan(0);
    expect(compareDates('2025-01-10', '2025-01-02')).toBeGreaterThan(0);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
    expect(['2026-01-01', '2025-12-31', '2025-02-01'].sort(compareDates)).toEqual([
      '2025-02-01',
      '2025-12-31',
      '2026-01-01',
    ]);
    expect(() => compareDates('2025-02-30', '2025-01-01')).toThrow(InvalidDateError);
  });
});

describe('isoDayOfWeek', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoDayOfWeek('1970-01-01')).toBe(4); // a Thursday
    expect(isoDayOfWeek('2026-03-29')).toBe(7);
    expect(isoDayOfWeek('2026-03-30')).toBe(1);
    expect(isoDayOfWeek('1969-12-28')).toBe(7); // before the epoch
  });
});
