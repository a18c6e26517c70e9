import { isBusinessDay, nextBusinessDay } from '.';
import { isBelgianWorkingDay } from './business-days';

describe('isBusinessDay', () => {
  it('is true on ordinary weekdays', () => {
    expect(isBusinessDay('2026-03-30')).toBe(true); // Monday
    expect(isBusinessDay('2026-04-03')).toBe(true); // Good Friday is not a holiday in metropolitan France
  });

  it('is false on weekends', () => {
    expect(isBusinessDay('2026-03-28')).toBe(false); // Saturday
    expect(isBusinessDay('2026-03-29')).toBe(false); // Sunday
  });

  it('is false on public holidays falling on weekdays', () => {
    expect(isBusinessDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isBusinessDay('2026-05-14')).toBe(false); // Ascension
    expect(isBusinessDay('2026-05-25')).toBe(false); // Whit Monday
    expect(isBusinessDay('2025-12-25')).toBe(false); // Thursday
  });
});

describe('nextBusinessDay', () => {
  it('returns the day itself when it is a business day', () => {
    expect(nextBusinessDay('2026-03-30')).toBe('2026-03-30');
  });

  it('moves a weekend to Monday', () => {
    expect(nextBusinessDay('2026-03-28')).toBe('2026-03-30');
    expect(nextBusinessDay('2026-03-29')).toBe('2026-03-30');
  });

  it('skips a weekend followed by a holiday Monday', () => {
    expect(nextBusinessDay('2026-04-04')).toBe('2026-04-07'); // Easter weekend
    expect(nextBusinessDay('2026-05-23')).toBe('2026-05-26'); // Pentecost weekend
  });

  it('skips consecutive holidays and a weekend', () => {
    // 2027-05-06 Ascension (Thu); 05-07 is a business day.
    expect(nextBusinessDay('2027-05-06')).toBe('2027-05-07');
    // 2026-05-01 Friday holiday, then a weekend → Monday 4 May.
    expect(nextBusinessDay('2026-05-01')).toBe('2026-05-04');
    // 2027-05-08 Saturday (holiday on a weekend) → Monday 10 May.
    expect(nextBusinessDay('2027-05-08')).toBe('2027-05-10');
    // Christmas 2027 is a Saturday.
    expect(nextBusinessDay('2027-12-25')).toBe('2027-12-27');
  });

  it('crosses a year end', () => {
    expect(nextBusinessDay('2026-12-31')).toBe('2026-12-31'); // Thursday
    expect(nextBusinessDay('2027-01-01')).toBe('2027-01-04'); // Friday holiday, then weekend
  });
});

describe('isBelgianWorkingDay', () => {
  it('follows Belgian holidays, not French ones', () => {
    expect(isBelgianWorkingDay('2026-07-14')).toBe(true);
    expect(isBelgianWorkingDay('2026-07-21')).toBe(false);
    expect(isBelgianWorkingDay('2026-05-08')).toBe(true);
    expect(isBelgianWorkingDay('2026-05-09')).toBe(false); // Saturday
  });
});
