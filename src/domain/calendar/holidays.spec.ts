import { addDays, isFrenchPublicHoliday } from '.';
import { easterSunday, isBelgianPublicHoliday } from './holidays';

function holidaysOf(year: number, isHoliday: (d: string) => boolean): string[] {
  const found: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    if (isHoliday(d)) found.push(d);
  }
  return found;
}

describe('easterSunday', () => {
  it.each([
    [1943, '1943-04-25'], // latest possible
    [2000, '2000-04-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'], // earliest possible
  ])('%i → %s', (year, date) => expect(easterSunday(year)).toBe(date));
});

describe('isFrenchPublicHoliday', () => {
  it('lists the eleven holidays of 2025', () => {
    expect(holidaysOf(2025, isFrenchPublicHoliday)).toEqual([
      '2025-01-01',
      '2025-04-21', // Easter Monday
      '2025-05-01',
      '2025-05-08',
      '2025-05-29', // Ascension
      '2025-06-09', // Whit Monday
      '2025-07-14',
      '2025-08-15',
      '2025-11-01',
      '2025-11-11',
      '2025-12-25',
    ]);
  });

  it('lists the eleven holidays of 2026', () => {
    expect(holidaysOf(2026, isFrenchPublicHoliday)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('lists the eleven holidays of 2027 (early Easter: Easter Monday in March)', () => {
    expect(holidaysOf(2027, isFrenchPublicHoliday)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('does not treat Easter Sunday, Pentecost Sunday, Good Friday or 26 December as holidays', () => {
    for (const d of ['2026-04-05', '2026-05-24', '2026-04-03', '2026-12-26']) {
      expect(isFrenchPublicHoliday(d)).toBe(false);
    }
  });

  it('rejects invalid dates', () => {
    expect(() => isFrenchPublicHoliday('2026-02-29')).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }));
  });
});

describe('isBelgianPublicHoliday', () => {
  it('lists the ten holidays of 2026 (21 July, no 8 May or 14 July)', () => {
    expect(holidaysOf(2026, isBelgianPublicHoliday)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });
});
