import { parisDateOf, parisInstant } from '.';

describe('parisInstant', () => {
  it('uses CET (UTC+1) in winter and CEST (UTC+2) in summer', () => {
    expect(parisInstant('2026-01-15', 9).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parisInstant('2026-07-15', 9, 30).toISOString()).toBe('2026-07-15T07:30:00.000Z');
    expect(parisInstant('2026-01-01', 0).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  describe('spring forward, Sunday 2026-03-29 (02:00 CET → 03:00 CEST, at 01:00 UTC)', () => {
    it('is still winter time before 02:00', () => {
      expect(parisInstant('2026-03-29', 1, 59).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    });

    it('reads a skipped time as if the clock had not moved yet (02:30 → 03:30 CEST)', () => {
      expect(parisInstant('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
      expect(parisInstant('2026-03-29', 2, 0).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });

    it('is summer time from 03:00', () => {
      expect(parisInstant('2026-03-29', 3).toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(parisInstant('2026-03-29', 9).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    });

    it('is winter time the day before', () => {
      expect(parisInstant('2026-03-28', 9).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    });
  });

  describe('fall back, Sunday 2026-10-25 (03:00 CEST → 02:00 CET, at 01:00 UTC)', () => {
    it('is summer time before 02:00', () => {
      expect(parisInstant('2026-10-25', 1, 30).toISOString()).toBe('2026-10-24T23:30:00.000Z');
    });

    it('takes the first (summer time) occurrence of a repeated time', () => {
      expect(parisInstant('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });

    it('is winter time from 03:00', () => {
      expect(parisInstant('2026-10-25', 3).toISOString()).toBe('2026-10-25T02:00:00.000Z');
      expect(parisInstant('2026-10-25', 9).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    });

    it('is summer time the day before', () => {
      expect(parisInstant('2026-10-24', 9).toISOString()).toBe('2026-10-24T07:00:00.000Z');
    });
  });

  it('finds the last Sunday in other years too', () => {
    expect(parisInstant('2025-03-30', 9).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(parisInstant('2025-03-29', 9).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(parisInstant('2027-03-28', 9).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(parisInstant('2027-10-31', 9).toISOString()).toBe('2027-10-31T08:00:00.000Z');
    expect(parisInstant('2027-10-30', 9).toISOString()).toBe('2027-10-30T07:00:00.000Z');
  });

  it('agrees with the IANA Europe/Paris zone for every half hour from 2024 to 2028', () => {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris', hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 30 * 60_000) {
      const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
      const date = `${parts.year}-${parts.month}-${parts.day}`;
      const instant = parisInstant(date, Number(parts.hour), Number(parts.minute)).getTime();
      // The second pass through 02:00-02:59 in October maps to its first occurrence, one hour earlier.
      const secondPass = instant === ms - 3_600_000 && format.format(instant) === format.format(ms);
      if (instant !== ms && !secondPass) mismatches.push(new Date(ms).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects invalid arguments', () => {
    expect(() => parisInstant('2026-02-29', 9)).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }));
    expect(() => parisInstant('2026-02-28', 24)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
    expect(() => parisInstant('2026-02-28', 9, 60)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
    expect(() => parisInstant('2026-02-28', 9.5)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });
});

describe('parisDateOf', () => {
  it('moves late UTC evenings to the next Paris day', () => {
    expect(parisDateOf(new Date('2026-01-15T22:59:59.999Z'))).toBe('2026-01-15');
    expect(parisDateOf(new Date('2026-01-15T23:00:00.000Z'))).toBe('2026-01-16');
    expect(parisDateOf(new Date('2026-07-15T21:59:59.999Z'))).toBe('2026-07-15');
    expect(parisDateOf(new Date('2026-07-15T22:00:00.000Z'))).toBe('2026-07-16');
  });

  it('accepts epoch milliseconds', () => {
    expect(parisDateOf(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
  });

  it('handles the switch days', () => {
    expect(parisDateOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // 00:30 CET
    expect(parisDateOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30'); // 00:00 CEST
    expect(parisDateOf(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25'); // 00:00 CEST
    expect(parisDateOf(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25'); // 23:59 CET
    expect(parisDateOf(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('is the inverse of parisInstant for every hour of 2026 except the skipped one', () => {
    const mismatches: string[] = [];
    for (let d = '2026-01-01'; d < '2027-01-01'; d = addOneDay(d)) {
      for (let hour = 0; hour < 24; hour++) {
        if (parisDateOf(parisInstant(d, hour)) !== d) mismatches.push(`${d} ${hour}h`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  // Tests may use Intl (the rule itself must not): cross-check with the host's tz database.
  it('agrees with the IANA Europe/Paris zone for every half hour from 2024 to 2028', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 30 * 60_000) {
      if (parisDateOf(ms) !== format.format(ms)) mismatches.push(new Date(ms).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects invalid instants', () => {
    expect(() => parisDateOf(new Date('nonsense'))).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
    expect(() => parisDateOf(Number.NaN)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });
});

function addOneDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
