import { halfYearOf } from '.';

describe('halfYearOf', () => {
  it('puts January to June in the first half', () => {
    const first = { year: 2026, half: 1, start: '2026-01-01', end: '2026-06-30' };
    expect(halfYearOf('2026-01-01')).toEqual(first);
    expect(halfYearOf('2026-06-30')).toEqual(first);
  });

  it('puts July to December in the second half', () => {
    const second = { year: 2026, half: 2, start: '2026-07-01', end: '2026-12-31' };
    expect(halfYearOf('2026-07-01')).toEqual(second);
    expect(halfYearOf('2026-12-31')).toEqual(second);
  });

  it('handles a leap day', () => {
    expect(halfYearOf('2024-02-29')).toEqual({ year: 2024, half: 1, start: '2024-01-01', end: '2024-06-30' });
  });

  it('rejects invalid dates', () => {
    expect(() => halfYearOf('2025-02-29')).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }));
  });
});
